import { decodePaymentSignatureHeader } from "@x402/core/http";
import type { PaymentPayload } from "@x402/core/types";
import { getChainConfig } from "@/lib/chain/config";
import { readV1Payment } from "./v1/payment";

/** Payment headers are a few hundred bytes; anything over this is refused before decoding. */
export const MAX_PAYMENT_HEADER_BYTES = 16 * 1024;

export type PaymentHeaderResult =
  | { kind: "none" }
  | { kind: "invalid"; reason: string }
  | { kind: "payment"; payload: PaymentPayload };

const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * Reads the payment from `PAYMENT-SIGNATURE` or `X-PAYMENT`: v2 (some v2 clients still send it in
 * X-PAYMENT) or v1, whose clients send X-PAYMENT (lib/x402/v1/payment.ts). Unlike the official HTTP
 * server, which treats an undecodable header as "no payment", a malformed header here gets its own
 * reason so the payer learns what is wrong.
 */
export function readPaymentHeader(headers: Headers): PaymentHeaderResult {
  const raw = headers.get("payment-signature") ?? headers.get("x-payment");
  if (raw === null) return { kind: "none" };
  if (raw.length > MAX_PAYMENT_HEADER_BYTES) return { kind: "invalid", reason: "invalid_payment_header_too_large" };
  const value = raw.trim();
  if (!value || !BASE64.test(value)) return { kind: "invalid", reason: "invalid_payment_header_encoding" };
  try {
    JSON.parse(Buffer.from(value, "base64").toString("utf8"));
  } catch {
    return { kind: "invalid", reason: "invalid_payment_header_json" };
  }
  let payload: PaymentPayload;
  try {
    payload = decodePaymentSignatureHeader(value);
  } catch {
    return { kind: "invalid", reason: "invalid_payload" };
  }
  if (typeof payload !== "object" || payload === null) return { kind: "invalid", reason: "invalid_payload" };
  if (payload.x402Version === 1) return readV1Payment(payload, getChainConfig().network);
  if (payload.x402Version !== 2) return { kind: "invalid", reason: "invalid_x402_version" };
  if (typeof payload.accepted !== "object" || payload.accepted === null || typeof payload.payload !== "object") {
    return { kind: "invalid", reason: "invalid_payload" };
  }
  return { kind: "payment", payload };
}
