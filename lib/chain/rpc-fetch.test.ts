import assert from "node:assert/strict";
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { createPublicClient, http } from "viem";
import { foundry } from "viem/chains";
import { rpcFetch } from "./rpc-fetch";

/** A JSON-RPC server on 127.0.0.1 that answers eth_blockNumber, hangs on eth_hang, floods on eth_flood, and counts connections. */
function startRpcServer(): Promise<{ url: string; server: Server; connections: () => number; bodies: string[] }> {
  let connections = 0;
  const bodies: string[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      bodies.push(body);
      const call = JSON.parse(body) as { id: number; method: string };
      if (call.method === "eth_hang") return;
      if (call.method === "eth_flood") {
        response.writeHead(200, { "content-type": "application/json" });
        const megabyte = Buffer.alloc(1024 * 1024, 0x20);
        for (let sent = 0; sent < 12; sent++) response.write(megabyte);
        return response.end();
      }
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ jsonrpc: "2.0", id: call.id, result: "0x2a" }));
    });
  });
  server.on("connection", () => connections++);
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, connections: () => connections, bodies })),
  );
}

describe("rpcFetch", () => {
  let rpc: Awaited<ReturnType<typeof startRpcServer>>;
  before(async () => {
    rpc = await startRpcServer();
  });
  after(() => {
    rpc.server.closeAllConnections();
    rpc.server.close();
  });

  it("carries viem's JSON-RPC calls and answers, over one kept-alive connection", async () => {
    const client = createPublicClient({ chain: foundry, transport: http(rpc.url, { fetchFn: rpcFetch, retryCount: 0 }) });
    const before = rpc.connections();
    for (let call = 0; call < 3; call++) assert.equal(await client.getBlockNumber({ cacheTime: 0 }), 42n);
    assert.equal(rpc.connections() - before, 1);
    assert.match(rpc.bodies.at(-1) ?? "", /"method":"eth_blockNumber"/);
  });

  it("gives up when viem's timeout fires, instead of waiting for a node that never answers", async () => {
    const client = createPublicClient({ chain: foundry, transport: http(rpc.url, { fetchFn: rpcFetch, retryCount: 0, timeout: 200 }) });
    await assert.rejects(client.request({ method: "eth_hang" as never }), /took too long|timed out/i);
  });

  it("stops reading an answer past 10 MiB, as viem's own fetch would", async () => {
    const client = createPublicClient({ chain: foundry, transport: http(rpc.url, { fetchFn: rpcFetch, retryCount: 0 }) });
    await assert.rejects(client.request({ method: "eth_flood" as never }), /over 10485760 bytes/);
  });

  it("refuses at once when the signal is already aborted, and when nothing listens", async () => {
    const aborted = AbortSignal.abort(new Error("stopped before sending"));
    await assert.rejects(rpcFetch(rpc.url, { method: "POST", body: "{}", signal: aborted }), /stopped before sending/);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    await assert.rejects(rpcFetch(`http://127.0.0.1:${port}`, { method: "POST", body: "{}" }), /ECONNREFUSED/);
  });
});
