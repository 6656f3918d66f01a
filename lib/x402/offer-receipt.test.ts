import assert from "node:assert/strict";
import { test } from "node:test";
import { extractJWSHeader, verifyReceiptSignatureJWS } from "@x402/extensions/offer-receipt";
import { RECEIPT_SIGNER } from "@/lib/devnet/accounts";

process.env.RECEIPT_SIGNING_KEY = RECEIPT_SIGNER.privateKey;
process.env.PUBLIC_URL = "https://store.example";
const { signReceipt } = await import("./offer-receipt");
const { getReceiptSigner } = await import("@/lib/receipts/signer");

const facts = {
  resourceUrl: "https://store.example/api/download/a-book",
  item: "a-book",
  payer: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  network: "eip155:31337",
  transaction: `0x${"ab".repeat(32)}`,
  amount: 1_250_000n,
  asset: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
  payTo: "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
  sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  settledAt: new Date("2026-11-27T12:00:00.750Z"),
};

test("a receipt depends only on the payment: signed twice, it is the same string", async () => {
  const first = await signReceipt(facts);
  await new Promise((resolve) => setTimeout(resolve, 1100));
  assert.deepEqual(await signReceipt(facts), first);
});

test("the receipt verifies with the published key and carries what was sold", async () => {
  const receipt = await signReceipt(facts);
  assert.ok(receipt && receipt.format === "jws");
  assert.equal(extractJWSHeader(receipt.signature).kid, "did:web:store.example#offer-receipt");
  const payload = await verifyReceiptSignatureJWS(receipt, getReceiptSigner()!.publicJwk);
  assert.deepEqual(payload, {
    version: 1,
    network: facts.network,
    resourceUrl: facts.resourceUrl,
    payer: facts.payer,
    issuedAt: Math.floor(facts.settledAt.getTime() / 1000),
    transaction: facts.transaction,
    item: "a-book",
    amount: "1250000",
    asset: facts.asset,
    payTo: facts.payTo,
    sha256: facts.sha256,
  });
  assert.equal(getReceiptSigner()!.address, RECEIPT_SIGNER.address);
});
