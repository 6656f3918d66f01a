import type { PaymentPayload, PaymentRequirements, ResourceInfo } from "@x402/core/types";
import { encodePaymentResponseHeader } from "@x402/core/http";
import { z } from "zod";
import type { PaymentHeaderResult } from "../payment-header";
import { v1NetworkName } from "./networks";

const v1PaymentSchema = z.object({
  x402Version: z.literal(1),
  scheme: z.string().min(1),
  network: z.string().min(1),
  payload: z.record(z.string(), z.unknown()),
});

/**
 * A v1 payment (`X-PAYMENT`: scheme, network by name, the signed authorization) in the shape the
 * store's payment path takes: `x402Version` stays 1, so the resource server matches it on scheme
 * and network alone (as it matches v1 payments) and the facilitator gets it back as v1; the signed
 * authorization carries the rest (payTo, amount, time), which the path checks against the
 * requirements as for v2. A v1 payment has no payment-identifier: once settled, only
 * Sign-In-With-X downloads it again.
 */
export function readV1Payment(decoded: unknown, storeNetwork: `eip155:${number}`): PaymentHeaderResult {
  const storeName = v1NetworkName(storeNetwork);
  if (!storeName) return { kind: "invalid", reason: "x402_v1_unavailable" };
  const parsed = v1PaymentSchema.safeParse(decoded);
  if (!parsed.success) return { kind: "invalid", reason: "invalid_payload" };
  if (parsed.data.network !== storeName) return { kind: "invalid", reason: "invalid_network" };
  const accepted = { scheme: parsed.data.scheme, network: storeNetwork } as PaymentRequirements;
  return { kind: "payment", payload: { x402Version: 1, accepted, payload: parsed.data.payload } };
}

/** A v1 payment with the resource it pays for: v1 facilitators want it in the requirements (v2 payloads carry their own). */
export function withResource(payload: PaymentPayload, resource: ResourceInfo): PaymentPayload {
  return payload.x402Version === 1 ? { ...payload, resource } : payload;
}

/** `X-PAYMENT-RESPONSE`, the v1 name of PAYMENT-RESPONSE, with the network by its v1 name. */
export function v1PaymentResponseHeader(settlement: { transaction: string; network: `eip155:${number}`; payer?: string }): string {
  return encodePaymentResponseHeader({
    success: true,
    transaction: settlement.transaction,
    network: (v1NetworkName(settlement.network) ?? settlement.network) as `eip155:${number}`,
    payer: settlement.payer,
  });
}
