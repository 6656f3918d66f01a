import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodePaymentRequiredHeader, encodePaymentRequiredHeader } from "@x402/core/http";
import type { PaymentRequired } from "@x402/core/types";
import { encodePaymentRequired, paymentRequiredResponse } from "./responses";

const paymentRequired: PaymentRequired = {
  x402Version: 2,
  error: "payment_required",
  resource: { url: "http://store.test/api/download/caf%C3%A9", description: "Café notes — “quoted” 🎵", mimeType: "application/pdf" },
  accepts: [
    {
      scheme: "exact",
      network: "eip155:31337",
      amount: "3100000",
      asset: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
      payTo: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
      maxTimeoutSeconds: 300,
      extra: { name: "USD Coin", version: "2", decimals: 6 },
    },
  ],
  extensions: { bazaar: { info: { output: { example: { note: "ünïcödé" } } } } },
};

describe("the 402's PAYMENT-REQUIRED header", () => {
  it("is byte for byte what @x402/core's encodePaymentRequiredHeader writes, non-ASCII text included", () => {
    assert.equal(encodePaymentRequired(paymentRequired), encodePaymentRequiredHeader(paymentRequired));
    assert.deepEqual(decodePaymentRequiredHeader(encodePaymentRequired(paymentRequired)), paymentRequired);
  });

  it("goes out with the body's exact length (so uncompressed), and HEAD with no body", async () => {
    const get = paymentRequiredResponse(paymentRequired, "GET");
    const body = Buffer.from(await get.arrayBuffer());
    assert.equal(get.status, 402);
    assert.equal(get.headers.get("content-length"), String(body.length));
    assert.equal(JSON.parse(body.toString("utf8")).error, "payment_required");
    const head = paymentRequiredResponse(paymentRequired, "HEAD");
    assert.equal(head.body, null);
    assert.equal(head.headers.get("payment-required"), get.headers.get("payment-required"));
  });
});
