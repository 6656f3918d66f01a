// The studio over HTTP as a creator's browser uses it (sign-in, items, raw-body uploads), for bench
// sections that need their own items: large files are streamed from a generator, never held whole.
import { request as httpRequest } from "node:http";
import { privateKeyToAccount, generatePrivateKey } from "viem/accounts";

export type Studio = {
  json: <T>(method: string, path: string, body?: unknown) => Promise<T>;
  /** Uploads `sizeBytes` bytes: a PDF header, then `filler` repeated; resolves with the server's answer. */
  upload: (itemId: string, fileName: string, sizeBytes: number, filler: Buffer) => Promise<{ status: number; body: string }>;
};

export async function signInStudio(baseUrl: string): Promise<Studio> {
  const account = privateKeyToAccount(generatePrivateKey());
  const post = (path: string, body: unknown, cookie = "") =>
    fetch(`${baseUrl}${path}`, { method: "POST", headers: { "content-type": "application/json", cookie }, body: JSON.stringify(body) });
  const { message } = (await (await post("/api/studio/sign-in", { address: account.address })).json()) as { message: string };
  const session = await post("/api/studio/session", { message, signature: await account.signMessage({ message }) });
  if (session.status !== 200) throw new Error(`studio sign-in answered ${session.status}`);
  const cookie = session.headers.getSetCookie().map((line) => line.split(";")[0]).join("; ");

  return {
    async json<T>(method: string, path: string, body?: unknown) {
      const response = await fetch(`${baseUrl}${path}`, { method, headers: { "content-type": "application/json", cookie }, body: body === undefined ? undefined : JSON.stringify(body) });
      if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as T;
    },
    upload(itemId, fileName, sizeBytes, filler) {
      return new Promise((resolve, reject) => {
        const request = httpRequest(`${baseUrl}/api/studio/items/${itemId}/files`, {
          method: "POST",
          headers: { cookie, "x-file-name": encodeURIComponent(fileName), "content-type": "application/octet-stream", "content-length": String(sizeBytes) },
        });
        request.on("response", (response) => {
          let body = "";
          response.setEncoding("utf8");
          response.on("data", (chunk: string) => (body += chunk));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
        });
        request.on("error", reject);
        const header = Buffer.from("%PDF-1.7\n");
        let sent = 0;
        const send = () => {
          while (sent < sizeBytes) {
            const chunk = sent === 0 ? Buffer.concat([header, filler]).subarray(0, Math.min(filler.length, sizeBytes)) : filler.subarray(0, Math.min(filler.length, sizeBytes - sent));
            sent += chunk.length;
            if (!request.write(chunk)) return void request.once("drain", send);
          }
          request.end();
        };
        send();
      });
    },
  };
}
