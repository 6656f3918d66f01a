import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { FacilitatorClient } from "@x402/core/server";
import type { PaymentPayload, PaymentRequired, PaymentRequirements } from "@x402/core/types";
import { speakingV1 } from "./facilitator-wire";
import { v1NetworkName } from "./networks";
import { readV1Payment, withResource } from "./payment";
import { paymentRequiredBody } from "./payment-required";

const requirements = (network: `eip155:${number}`): PaymentRequirements => ({
  scheme: "exact",
  network,
  asset: "0x036CbD53842c5426634e7929541eC2318f3dCF7e",
  amount: "500000",
  payTo: "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65",
  maxTimeoutSeconds: 300,
  extra: { name: "USDC", version: "2", decimals: 6 },
});
const resource = { url: "http://127.0.0.1:3000/api/download/x", description: "X", mimeType: "application/pdf" };
const offer = (network: `eip155:${number}`): PaymentRequired => ({ x402Version: 2, resource, accepts: [requirements(network)] });
const signed = { signature: "0x12", authorization: { from: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", nonce: "0x00" } };

describe("x402 v1 beside v2", () => {
  it("names Base and Base Sepolia, and nothing for the devnet", () => {
    assert.equal(v1NetworkName("eip155:84532"), "base-sepolia");
    assert.equal(v1NetworkName("eip155:8453"), "base");
    assert.equal(v1NetworkName("eip155:31337"), null);
  });

  it("answers a 402 on a named network with the v1 PaymentRequired of the same offer, and the reason", () => {
    const body = paymentRequiredBody(offer("eip155:84532"), "payment_required");
    assert.deepEqual(body.accepts, [
      {
        scheme: "exact",
        network: "base-sepolia",
        maxAmountRequired: "500000",
        resource: resource.url,
        description: "X",
        mimeType: "application/pdf",
        payTo: requirements("eip155:84532").payTo,
        maxTimeoutSeconds: 300,
        asset: requirements("eip155:84532").asset,
        extra: { name: "USDC", version: "2", decimals: 6 },
      },
    ]);
    assert.equal(body.x402Version, 1);
    assert.equal(body.error, "payment_required");
    assert.deepEqual(paymentRequiredBody({ ...offer("eip155:84532"), extensions: { bazaar: {} } }, "payment_required").extensions, { bazaar: {} });
  });

  it("keeps the v2 body on the devnet, and says there why v1 is unavailable", () => {
    const body = paymentRequiredBody(offer("eip155:31337"), "invalid_network");
    assert.equal(body.x402Version, 2);
    assert.equal(body.error, "invalid_network");
    assert.match(String(body.message), /x402 v1 clients \(X-PAYMENT\) cannot pay here/);
    assert.match(String(body.x402V1Unavailable), /eip155:31337/);
  });

  it("reads a v1 payment for the store's network, and refuses others with their reason", () => {
    const payment = { x402Version: 1, scheme: "exact", network: "base-sepolia", payload: signed };
    const read = readV1Payment(payment, "eip155:84532");
    assert.equal(read.kind, "payment");
    assert.deepEqual(read.kind === "payment" && read.payload, { x402Version: 1, accepted: { scheme: "exact", network: "eip155:84532" }, payload: signed });
    assert.deepEqual(readV1Payment({ ...payment, network: "base" }, "eip155:84532"), { kind: "invalid", reason: "invalid_network" });
    assert.deepEqual(readV1Payment({ ...payment, payload: "x" }, "eip155:84532"), { kind: "invalid", reason: "invalid_payload" });
    assert.deepEqual(readV1Payment(payment, "eip155:31337"), { kind: "invalid", reason: "x402_v1_unavailable" });
  });

  it("hands v1 payments to the facilitator as v1 (network by name, maxAmountRequired, resource), v2 ones unchanged", async () => {
    const seen: [PaymentPayload, PaymentRequirements][] = [];
    const inner = {
      verify: async (payload: PaymentPayload, required: PaymentRequirements) => (seen.push([payload, required]), { isValid: true }),
      settle: async (payload: PaymentPayload, required: PaymentRequirements) => (seen.push([payload, required]), { success: true, transaction: "0x1", network: required.network }),
      getSupported: async () => ({ kinds: [], extensions: [], signers: {} }),
    } as FacilitatorClient;
    const facilitator = speakingV1(inner);
    const v1 = readV1Payment({ x402Version: 1, scheme: "exact", network: "base-sepolia", payload: signed }, "eip155:84532");
    assert.equal(v1.kind, "payment");
    if (v1.kind !== "payment") return;
    await facilitator.verify(withResource(v1.payload, resource), requirements("eip155:84532"));
    await facilitator.settle(withResource(v1.payload, resource), requirements("eip155:84532"));
    const v2: PaymentPayload = { x402Version: 2, accepted: requirements("eip155:84532"), payload: signed };
    await facilitator.verify(withResource(v2, resource), requirements("eip155:84532"));

    // The same v1 requirements the 402 body offered.
    const [offeredV1] = paymentRequiredBody(offer("eip155:84532"), "payment_required").accepts as object[];
    for (const [payload, required] of seen.slice(0, 2)) {
      assert.deepEqual(payload, { x402Version: 1, scheme: "exact", network: "base-sepolia", payload: signed });
      assert.deepEqual(required, offeredV1);
    }
    assert.deepEqual(seen[2], [v2, requirements("eip155:84532")]);
  });
});
