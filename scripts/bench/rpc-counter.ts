// A JSON-RPC proxy in front of the devnet that counts what passes through it, by method: the bench's
// way of measuring how many RPC round trips a payment costs a server, without touching the server.
import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";

export type RpcCounter = {
  url: string;
  /** Calls by method since the last reset; a batch's entries count one each. */
  counts: () => Map<string, number>;
  /** HTTP requests since the last reset (a batch is one). */
  roundTrips: () => number;
  reset: () => void;
  close: () => Promise<void>;
};

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startRpcCounter(targetUrl: string): Promise<RpcCounter> {
  let counts = new Map<string, number>();
  let roundTrips = 0;
  const forward = async (request: IncomingMessage, response: ServerResponse) => {
    const body = await readBody(request);
    roundTrips += 1;
    try {
      const parsed = JSON.parse(body.toString("utf8")) as { method?: string } | { method?: string }[];
      for (const call of Array.isArray(parsed) ? parsed : [parsed]) {
        const method = call.method ?? "?";
        counts.set(method, (counts.get(method) ?? 0) + 1);
      }
    } catch {
      counts.set("(unparsable)", (counts.get("(unparsable)") ?? 0) + 1);
    }
    try {
      const upstream = await fetch(targetUrl, { method: "POST", headers: { "content-type": "application/json" }, body: new Uint8Array(body) });
      response.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "application/json" });
      response.end(Buffer.from(await upstream.arrayBuffer()));
    } catch {
      response.writeHead(502).end();
    }
  };
  const server = createServer((request, response) => void forward(request, response));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts: () => new Map(counts),
    roundTrips: () => roundTrips,
    reset: () => {
      counts = new Map();
      roundTrips = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** "eth_call 2, eth_getBlockByNumber 1, …" per payment, most frequent first. */
export function perPayment(counts: Map<string, number>, payments: number): { total: number; byMethod: string } {
  const total = [...counts.values()].reduce((sum, count) => sum + count, 0) / payments;
  const byMethod = [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([method, count]) => `${method} ${+(count / payments).toFixed(2)}`)
    .join(", ");
  return { total, byMethod };
}
