import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newWebhookSecret, signatureHeader, verifySignatureHeader } from "./signature";

describe("webhook signatures", () => {
  it("signs t.body with HMAC-SHA256 (a vector computed with openssl)", () => {
    // printf '%s' '1700000000.{"id":"x"}' | openssl dgst -sha256 -hmac whsec_k
    assert.equal(signatureHeader({ secret: "whsec_k", body: '{"id":"x"}', timestamp: 1_700_000_000 }), "t=1700000000,v1=33791af768115adc5314793cf4743f0ddef1addda64ae649a0374aaa5204949a");
  });

  it("verifies only the same body, timestamp and secret", () => {
    const header = signatureHeader({ secret: "whsec_k", body: '{"id":"x"}', timestamp: 1_700_000_000 });
    assert.equal(verifySignatureHeader({ secret: "whsec_k", body: '{"id":"x"}', header }), true);
    assert.equal(verifySignatureHeader({ secret: "whsec_k", body: '{"id":"y"}', header }), false);
    assert.equal(verifySignatureHeader({ secret: "whsec_other", body: '{"id":"x"}', header }), false);
    assert.equal(verifySignatureHeader({ secret: "whsec_k", body: '{"id":"x"}', header: header.replace("t=1700000000", "t=1700000001") }), false);
    assert.equal(verifySignatureHeader({ secret: "whsec_k", body: '{"id":"x"}', header: "garbage" }), false);
  });

  it("makes a different 256-bit secret each time", () => {
    assert.notEqual(newWebhookSecret(), newWebhookSecret());
    assert.match(newWebhookSecret(), /^whsec_[A-Za-z0-9_-]{43}$/);
  });
});
