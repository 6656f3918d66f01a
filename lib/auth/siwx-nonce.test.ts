import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkSiwxNonce, issueSiwxNonce } from "./siwx-nonce";

const secret = "a-test-session-secret-of-at-least-32-characters";
const binding = { resourceUri: "http://127.0.0.1:3000/api/download/book", chainId: "eip155:31337" };
const inFiveMinutes = () => new Date(Date.now() + 300_000);

describe("stateless Sign-In-With-X nonces", () => {
  it("are alphanumeric as EIP-4361 requires, and differ each time", () => {
    const [first, second] = [issueSiwxNonce({ secret, ...binding, expiresAt: inFiveMinutes() }), issueSiwxNonce({ secret, ...binding, expiresAt: inFiveMinutes() })];
    assert.match(first, /^[a-zA-Z0-9]{8,}$/);
    assert.notEqual(first, second);
  });

  it("are recognised for the resource and chain they were issued for, until they expire", () => {
    const expiresAt = inFiveMinutes();
    const nonce = issueSiwxNonce({ secret, ...binding, expiresAt });
    const check = checkSiwxNonce({ secret, nonce, ...binding });
    assert.deepEqual(check, { ok: true, expiresAt: new Date(Math.floor(expiresAt.getTime() / 1000) * 1000) });
    assert.deepEqual(checkSiwxNonce({ secret, nonce, ...binding, now: new Date(expiresAt.getTime() + 1000) }), { ok: false, reason: "invalid_siwx_expired" });
  });

  it("are not recognised for another resource, another chain, under another secret, or altered", () => {
    const nonce = issueSiwxNonce({ secret, ...binding, expiresAt: inFiveMinutes() });
    const unknown = { ok: false, reason: "invalid_siwx_nonce_unknown" };
    assert.deepEqual(checkSiwxNonce({ secret, nonce, ...binding, resourceUri: "http://127.0.0.1:3000/api/download/other" }), unknown);
    assert.deepEqual(checkSiwxNonce({ secret, nonce, ...binding, resourceUri: "http://127.0.0.1:3000/library" }), unknown);
    assert.deepEqual(checkSiwxNonce({ secret, nonce, ...binding, chainId: "eip155:1" }), unknown);
    assert.deepEqual(checkSiwxNonce({ secret: `${secret}!`, nonce, ...binding }), unknown);
    // A later expiry written into the nonce breaks its MAC.
    const extended = (parseInt(nonce.slice(0, 8), 16) + 3600).toString(16).padStart(8, "0") + nonce.slice(8);
    assert.deepEqual(checkSiwxNonce({ secret, nonce: extended, ...binding }), unknown);
    for (const made of ["", "abcdef0123456789", nonce.toUpperCase(), `${nonce}0`]) assert.deepEqual(checkSiwxNonce({ secret, nonce: made, ...binding }), unknown);
  });
});
