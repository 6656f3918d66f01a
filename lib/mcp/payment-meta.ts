import type { PaymentPayload } from "@x402/core/types";

/** The `_meta` keys of the x402 MCP transport (specs/transports-v2/mcp.md). */
export const PAYMENT_META = "x402/payment";
export const PAYMENT_RESPONSE_META = "x402/payment-response";

export type PaymentMetaResult = { kind: "none" } | { kind: "invalid"; reason: string } | { kind: "payment"; payload: PaymentPayload };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The PaymentPayload a tool call carries in `params._meta["x402/payment"]`, checked for the shape
 * the HTTP door checks in its header (lib/x402/payment-header.ts): version 2, an `accepted`
 * requirement and a `payload`. The signature and terms are judged by acceptPayment.
 */
export function readPaymentMeta(meta: Record<string, unknown> | undefined): PaymentMetaResult {
  const value = meta?.[PAYMENT_META];
  if (value === undefined || value === null) return { kind: "none" };
  if (!isObject(value)) return { kind: "invalid", reason: "invalid_payload" };
  if (value.x402Version !== 2) return { kind: "invalid", reason: "invalid_x402_version" };
  if (!isObject(value.accepted) || !isObject(value.payload)) return { kind: "invalid", reason: "invalid_payload" };
  if (value.extensions !== undefined && !isObject(value.extensions)) return { kind: "invalid", reason: "invalid_payload" };
  return { kind: "payment", payload: value as unknown as PaymentPayload };
}
