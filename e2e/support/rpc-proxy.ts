import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A JSON-RPC proxy in front of anvil that counts the calls passing through, so a test can prove
 * how many RPC calls the store spends on a request (batches count each call).
 */
export async function startRpcProxy(targetUrl: string) {
  const methods: string[] = [];
  const server = http.createServer(async (request, response) => {
    let body = "";
    for await (const chunk of request) body += chunk;
    try {
      const parsed = JSON.parse(body) as { method: string } | { method: string }[];
      for (const call of Array.isArray(parsed) ? parsed : [parsed]) methods.push(call.method);
    } catch {
      methods.push("(unparsable)");
    }
    const upstream = await fetch(targetUrl, { method: "POST", headers: { "content-type": "application/json" }, body }).catch(() => null);
    if (!upstream) return response.writeHead(502).end();
    response.writeHead(upstream.status, { "content-type": "application/json" }).end(await upstream.text());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** How many calls have passed so far. */
    count: () => methods.length,
    /** The methods called since `from` calls had passed. */
    since: (from: number) => methods.slice(from),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
