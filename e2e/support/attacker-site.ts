import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Pages on origins other than the store's, served by the test: the same server is another port of
 * the store's host when addressed as 127.0.0.1 (same site, so SameSite=Lax cookies go along), and
 * another site when addressed as localhost.
 */
export type AttackerSite = {
  sameSite: string;
  crossSite: string;
  serve(path: string, html: string): void;
  close(): Promise<void>;
};

export async function startAttackerSite(): Promise<AttackerSite> {
  const pages = new Map<string, string>();
  const server = http.createServer((request, response) => {
    const html = pages.get(request.url ?? "");
    response.writeHead(html === undefined ? 404 : 200, { "content-type": "text/html; charset=utf-8" }).end(html ?? "");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    sameSite: `http://127.0.0.1:${port}`,
    crossSite: `http://localhost:${port}`,
    serve: (path, html) => void pages.set(path, html),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const escapeAttribute = (text: string) => text.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;");

/**
 * A self-submitting `enctype="text/plain"` form whose body parses as `fields` in JSON: a form
 * sends `name=value`, so the name opens a throwaway first copy of the first key and the value
 * closes it and repeats every field (JSON keeps the last duplicate). No CORS preflight is needed.
 */
export function textPlainJsonForm(action: string, fields: Record<string, string>): string {
  const [firstKey] = Object.keys(fields);
  const name = `{"${firstKey}":"`;
  const value = `",${JSON.stringify(fields).slice(1)}`;
  return `<!doctype html><form method="POST" enctype="text/plain" action="${escapeAttribute(action)}">
<input type="hidden" name="${escapeAttribute(name)}" value="${escapeAttribute(value)}"></form>`;
}

export const SUBMIT_FIRST_FORM = "<script>document.forms[0].submit()</script>";
