import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { addressedOrigin, dropClientForwarding } from "./request-origin";

describe("the origin a request was addressed to", () => {
  const forwarded = { host: "127.0.0.1:3000", forwardedHost: "evil.example", forwardedProto: "https" };

  it("is the Host header over plain HTTP; a client's X-Forwarded-Host/-Proto do not count", () => {
    assert.equal(addressedOrigin(forwarded, false), "http://127.0.0.1:3000");
    assert.equal(addressedOrigin({ host: "LocalHost:3000" }, false), "http://localhost:3000");
  });

  it("behind a trusted proxy is the proxy's forwarded host and scheme (their first entry)", () => {
    assert.equal(addressedOrigin(forwarded, true), "https://evil.example");
    assert.equal(addressedOrigin({ host: "127.0.0.1:3000", forwardedHost: "shop.example, inner", forwardedProto: "https, http" }, true), "https://shop.example");
    assert.equal(addressedOrigin({ host: "127.0.0.1:3000" }, true), "http://127.0.0.1:3000");
  });

  it("is null for a missing or malformed host", () => {
    for (const host of [undefined, "", "evil.example/path", "a@b", "a b"]) assert.equal(addressedOrigin({ host }, false), null, String(host));
  });

  it("loses a client's forwarding headers before Next.js reads them", () => {
    const headers: Record<string, string | undefined> = { host: "h", "x-forwarded-host": "e", "x-forwarded-proto": "https", "x-forwarded-port": "443", "x-forwarded-for": "1.2.3.4" };
    dropClientForwarding(headers);
    assert.deepEqual(headers, { host: "h", "x-forwarded-for": "1.2.3.4" });
  });
});
