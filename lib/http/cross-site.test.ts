import assert from "node:assert/strict";
import type { IncomingHttpHeaders } from "node:http";
import { describe, it } from "node:test";
import { type Site, stateChangeRefusal } from "./cross-site";

const site: Site = { publicOrigin: "http://127.0.0.1:3000", trustProxy: false };
const json = { host: "127.0.0.1:3000", "content-type": "application/json", "content-length": "2" };

function refusal(method: string, url: string, headers: IncomingHttpHeaders, options: Site = site) {
  return stateChangeRefusal({ method, url, headers }, options)?.error ?? null;
}

describe("state changes on the studio and library routes", () => {
  it("pass from the store's own origin, from the origin the request was addressed to, and without Origin (agents)", () => {
    assert.equal(refusal("POST", "/api/studio/items", { ...json, origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin" }), null);
    assert.equal(refusal("POST", "/api/studio/items", { ...json, host: "localhost:3000", origin: "http://localhost:3000" }), null);
    assert.equal(refusal("POST", "/api/studio/items", json), null);
    assert.equal(refusal("POST", "/api/studio/items", { ...json, "sec-fetch-site": "none" }), null);
    const published = { publicOrigin: "https://shop.example", trustProxy: false };
    assert.equal(refusal("POST", "/api/studio/items", { ...json, origin: "https://shop.example" }, published), null);
  });

  it("are refused from another site, another port of the host, another scheme, or an opaque origin", () => {
    for (const origin of ["http://evil.example", "http://127.0.0.1:3001", "https://127.0.0.1:3000", "null", "http://127.0.0.1:3000, http://evil.example"]) {
      assert.equal(refusal("POST", "/api/studio/items", { ...json, origin }), "cross_site_request", origin);
    }
    for (const fetchSite of ["cross-site", "same-site", "anything-else"]) {
      assert.equal(refusal("POST", "/api/studio/items", { ...json, "sec-fetch-site": fetchSite }), "cross_site_request", fetchSite);
    }
    assert.equal(refusal("POST", "/api/studio/items", { ...json, origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-site" }), "cross_site_request");
  });

  it("count X-Forwarded-Host/-Proto only behind a trusted proxy", () => {
    const forwarded = { ...json, origin: "https://shop.example", "x-forwarded-host": "shop.example", "x-forwarded-proto": "https" };
    assert.equal(refusal("POST", "/api/studio/items", forwarded), "cross_site_request");
    assert.equal(refusal("POST", "/api/studio/items", forwarded, { ...site, trustProxy: true }), null);
  });

  it("must be JSON, except uploads; requests without a body need no type", () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonp", undefined]) {
      const headers = { ...json, "content-type": type };
      assert.equal(refusal("POST", "/api/studio/session", headers), "unsupported_content_type", String(type));
    }
    assert.equal(refusal("PATCH", "/api/studio/items/abc", { ...json, "content-type": "Application/JSON; charset=utf-8" }), null);
    assert.equal(refusal("POST", "/api/studio/items", { host: json.host, "content-type": "text/plain", "transfer-encoding": "chunked" }), "unsupported_content_type");
    const file = { host: json.host, "content-type": "application/octet-stream", "content-length": "1000" };
    assert.equal(refusal("POST", "/api/studio/items/abc/files", file), null);
    assert.equal(refusal("PUT", "/api/studio/items/abc/files/def", file), null);
    assert.equal(refusal("PUT", "/api/studio/items/abc/cover", file), null);
    assert.equal(refusal("PATCH", "/api/studio/items/abc/files/def", file), "unsupported_content_type");
    assert.equal(refusal("POST", "/api/studio/items/abc/files", { ...file, origin: "http://evil.example" }), "cross_site_request");
    assert.equal(refusal("DELETE", "/api/studio/session", { host: json.host }), null);
    assert.equal(refusal("POST", "/api/library/session", { host: json.host, "content-length": "0" }), null);
  });

  it("are recognised however the path is spelled", () => {
    const evil = { ...json, origin: "http://evil.example" };
    for (const url of ["/api/library/session", "/api/devnet/faucet", "/api/%64evnet/faucet", "/api/%73tudio/items", "//api//studio/items/", "/api/x/../studio/items", "/API/Studio/items", "http://127.0.0.1:3000/api/studio/items?x=1", "/api/studio"]) {
      assert.equal(refusal("POST", url, evil), "cross_site_request", url);
    }
  });

  it("leave reads and other routes alone", () => {
    const evil = { ...json, origin: "http://evil.example", "sec-fetch-site": "cross-site" };
    assert.equal(refusal("GET", "/api/studio/items/abc", evil), null);
    assert.equal(refusal("OPTIONS", "/api/studio/items", evil), null);
    assert.equal(refusal("GET", "/api/download/x", evil), null);
    assert.equal(refusal("POST", "/api/studiox", evil), null);
  });
});
