import assert from "node:assert/strict";
import { test } from "node:test";
import { createJWSOfferReceiptIssuer, extractJWSPayload } from "@x402/extensions/offer-receipt";
import { RECEIPT_SIGNER } from "@/lib/devnet/accounts";

process.env.RECEIPT_SIGNING_KEY = RECEIPT_SIGNER.privateKey;
process.env.PUBLIC_URL = "https://store.example";
const { getReceiptSigner } = await import("@/lib/receipts/signer");
const { OFFER_REUSE_MS, reusingOffers } = await import("./offer-reuse");

const URL_A = "https://store.example/api/download/a-book";
const terms = (amount: string) => ({ acceptIndex: 0, scheme: "exact", network: "eip155:31337", asset: "0x5FbDB2315678afecb367f032d93F642f64180aa3", payTo: "0x90F79bf6EB2c4f870365E785982E1f101E93b906", amount, offerValiditySeconds: 300 });

/** The real JWS issuer, counting how often it signs. */
function countingIssuer() {
  const signer = getReceiptSigner()!;
  const real = createJWSOfferReceiptIssuer(signer.kid, signer);
  const counter = { signed: 0 };
  const issuer = { ...real, issueOffer: (...args: Parameters<typeof real.issueOffer>) => (counter.signed++, real.issueOffer(...args)) };
  return { issuer, counter };
}

test("one signed offer answers the 402s for the same URL and terms; other terms or another URL are signed anew", async () => {
  const { issuer, counter } = countingIssuer();
  const reusing = reusingOffers(issuer);
  const first = await reusing.issueOffer(URL_A, terms("1250000"));
  assert.deepEqual(await reusing.issueOffer(URL_A, terms("1250000")), first);
  assert.equal(counter.signed, 1);

  const raised = await reusing.issueOffer(URL_A, terms("2000000"));
  assert.notDeepEqual(raised, first);
  await reusing.issueOffer("https://store.example/api/download/another", terms("1250000"));
  assert.equal(counter.signed, 3);
});

test("a reused offer keeps most of its validity: it is re-signed once OFFER_REUSE_MS has passed", async (t) => {
  t.mock.timers.enable({ apis: ["Date"], now: Date.now() });
  const { issuer, counter } = countingIssuer();
  const reusing = reusingOffers(issuer);
  const first = await reusing.issueOffer(URL_A, terms("1250000"));
  const payload = extractJWSPayload((first as { signature: string }).signature) as { validUntil: number };
  t.mock.timers.tick(OFFER_REUSE_MS - 1);
  assert.deepEqual(await reusing.issueOffer(URL_A, terms("1250000")), first);
  // validUntil is in whole seconds, rounded down at signing.
  assert.ok(payload.validUntil - Date.now() / 1000 > 289, "a reused offer has more than 289 s left");
  t.mock.timers.tick(2);
  await reusing.issueOffer(URL_A, terms("1250000"));
  assert.equal(counter.signed, 2);
});
