import assert from "node:assert/strict";
import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { sendEvent } from "./send-event";
import { verifySignatureHeader } from "./signature";

describe("one webhook attempt (real sockets on 127.0.0.1)", () => {
  const requests: { path: string; signature: string; body: string }[] = [];
  let base: string;
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      requests.push({ path: request.url ?? "", signature: String(request.headers["x-storefront-signature"]), body: Buffer.concat(chunks).toString() });
      if (request.url === "/hang") return; // never answers
      if (request.url === "/redirect") return void response.writeHead(302, { location: `${base}/elsewhere` }).end();
      response.writeHead(request.url === "/fail" ? 500 : 204).end();
    });
  });
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const send = (path: string, options: { allowLoopback?: boolean; timeoutMs?: number } = {}) =>
    sendEvent({ url: `${base}${path}`, secret: "whsec_test", eventId: "e-1", type: "sale.settled", body: '{"id":"e-1"}', timeoutMs: options.timeoutMs ?? 2000, allowLoopback: options.allowLoopback ?? true });

  it("delivers a signed body on 2xx and reports other statuses", async () => {
    requests.length = 0;
    assert.deepEqual(await send("/ok"), { delivered: true, statusCode: 204 });
    assert.ok(verifySignatureHeader({ secret: "whsec_test", body: requests[0].body, header: requests[0].signature }));
    assert.deepEqual(await send("/fail"), { delivered: false, statusCode: 500, error: "http_500" });
  });

  it("checks the address at delivery time: off the devnet, 127.0.0.1 is never connected to", async () => {
    requests.length = 0;
    assert.deepEqual(await send("/ok", { allowLoopback: false }), { delivered: false, statusCode: null, error: "private_address" });
    assert.equal(requests.length, 0);
  });

  it("does not follow redirects", async () => {
    requests.length = 0;
    assert.deepEqual(await send("/redirect"), { delivered: false, statusCode: 302, error: "http_302" });
    assert.deepEqual(requests.map((request) => request.path), ["/redirect"]);
  });

  it("gives up on a receiver that does not answer within the attempt's time limit", async () => {
    const outcome = await send("/hang", { timeoutMs: 300 });
    assert.deepEqual(outcome, { delivered: false, statusCode: null, error: "timeout" });
  });
});
