import assert from "node:assert/strict";
import { test } from "node:test";
import { checkDownloadToken, issueDownloadToken, tokenTransaction } from "./download-link";

const secret = "a-test-session-secret-of-at-least-32-characters";
const purchase = { transactionHash: `0x${"ab".repeat(32)}`, slug: "midnight-blocks" };
const inFiveMinutes = () => new Date(Date.now() + 300_000);

test("a link the store issued opens its purchase's item until it expires", () => {
  const token = issueDownloadToken({ ...purchase, secret, expiresAt: inFiveMinutes() });
  assert.equal(tokenTransaction(token), purchase.transactionHash);
  assert.deepEqual(checkDownloadToken({ ...purchase, secret, token }), { ok: true });
  assert.deepEqual(checkDownloadToken({ ...purchase, secret, token, now: new Date(Date.now() + 301_000) }), { ok: false, reason: "download_link_expired" });
});

test("a link is not derivable from public data: another secret, item, transaction or expiry does not match", () => {
  const token = issueDownloadToken({ ...purchase, secret, expiresAt: inFiveMinutes() });
  const invalid = { ok: false, reason: "download_link_invalid" };
  assert.deepEqual(checkDownloadToken({ ...purchase, secret: `${secret}x`, token }), invalid);
  assert.deepEqual(checkDownloadToken({ ...purchase, slug: "sine-of-the-times", secret, token }), invalid);
  assert.deepEqual(checkDownloadToken({ ...purchase, transactionHash: `0x${"cd".repeat(32)}`, secret, token }), invalid);
  const [expiry, transaction, tag] = token.split(".");
  assert.deepEqual(checkDownloadToken({ ...purchase, secret, token: `${Number(expiry) + 3600}.${transaction}.${tag}` }), invalid);
  assert.deepEqual(checkDownloadToken({ ...purchase, secret, token: `${expiry}.${transaction}.${tag.slice(0, -1)}${tag.endsWith("0") ? "1" : "0"}` }), invalid);
  assert.deepEqual(checkDownloadToken({ ...purchase, secret, token: "not-a-token" }), invalid);
  assert.equal(tokenTransaction("not-a-token"), null);
});
