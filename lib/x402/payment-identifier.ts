import { createHash } from "node:crypto";
import type { PaymentPayload } from "@x402/core/types";
import {
  PAYMENT_IDENTIFIER,
  declarePaymentIdentifierExtension,
  extractPaymentIdentifier,
  isValidPaymentId,
} from "@x402/extensions/payment-identifier";

export { PAYMENT_IDENTIFIER };

/** Every 402 declares the x402 `payment-identifier` extension (optional), so clients know to send one. */
export const PAYMENT_IDENTIFIER_DECLARATION = declarePaymentIdentifierExtension(false);

export type PaymentIdRead = { ok: true; idHash: string | null } | { ok: false };

/**
 * The sha256 of the payment id the client sent with its payment, null when it sent none, or not
 * ok when the id is malformed. The id travels only in the HTTP header, never on-chain: of
 * everything in a payment it alone is not public once the transaction is broadcast, which is what
 * makes a retry with it the buyer's. Only its hash is stored.
 */
export function readPaymentIdHash(payload: PaymentPayload): PaymentIdRead {
  const raw = extractPaymentIdentifier(payload, false);
  if (raw === null) return { ok: true, idHash: null };
  if (!isValidPaymentId(raw)) return { ok: false };
  return { ok: true, idHash: createHash("sha256").update(raw).digest("hex") };
}

/** The payload as the facilitator gets it: without the payment id, which stays between the buyer and this store. */
export function withoutPaymentIdentifier(payload: PaymentPayload): PaymentPayload {
  if (!payload.extensions?.[PAYMENT_IDENTIFIER]) return payload;
  const extensions = { ...payload.extensions };
  delete extensions[PAYMENT_IDENTIFIER];
  return { ...payload, extensions };
}
