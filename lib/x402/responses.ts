import { encodePaymentResponseHeader } from "@x402/core/http";
import type { PaymentRequired, SettleResponse } from "@x402/core/types";
import { setContentLength } from "@/lib/http/content-length";
import { reasonMessage } from "./reasons";
import { paymentRequiredBody } from "./v1/payment-required";

/**
 * CORS for browsers and agents on other origins, on every answer of the paid route (the 402
 * included): clients must be able to read PAYMENT-REQUIRED and send PAYMENT-SIGNATURE.
 */
export const PAYWALL_CORS_HEADERS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, HEAD, OPTIONS",
  "access-control-allow-headers": "PAYMENT-SIGNATURE, X-PAYMENT, SIGN-IN-WITH-X, Content-Type",
  "access-control-expose-headers": "PAYMENT-REQUIRED, PAYMENT-RESPONSE, X-PAYMENT-RESPONSE, Content-Disposition, Content-Length, ETag, Retry-After",
  "access-control-max-age": "600",
} as const;

/**
 * The PAYMENT-REQUIRED header: base64 of the PaymentRequired's JSON, as @x402/core's
 * encodePaymentRequiredHeader writes it. That function builds the base64 through a string of one
 * character per byte and btoa, which was a tenth of an unpaid 402's time; Buffer gives the same
 * bytes (responses.test.ts compares them, e2e/interop-v1 and interop-v2 pay through them).
 */
export function encodePaymentRequired(paymentRequired: PaymentRequired): string {
  return Buffer.from(JSON.stringify(paymentRequired), "utf8").toString("base64");
}

/**
 * 402 with the PaymentRequired in the header (v2 clients) and as the JSON body (v1 clients, where
 * v1 can name the chain). Sent with its exact length, which also keeps it uncompressed
 * (lib/http/compression.ts): gzip cost an unpaid 402 more time than building it, to save a couple
 * of KiB on a body that repeats the header.
 */
export function paymentRequiredResponse(paymentRequired: PaymentRequired, method: string): Response {
  const reason = paymentRequired.error ?? "payment_required";
  const body = Buffer.from(JSON.stringify(paymentRequiredBody(paymentRequired, reason)), "utf8");
  const headers = new Headers({
    ...PAYWALL_CORS_HEADERS,
    "content-type": "application/json",
    "cache-control": "no-store",
    "payment-required": encodePaymentRequired(paymentRequired),
  });
  setContentLength(headers, body.length);
  return new Response(method === "HEAD" ? null : body, { status: 402, headers });
}

/**
 * A refusal that is not a 402: a malformed payment id (400), unknown item (404), a payment id that
 * names another payment (409), or a dependency down (503, nothing charged).
 */
export function errorResponse(status: 400 | 404 | 409 | 503, reason: string, extraHeaders: Record<string, string> = {}): Response {
  return Response.json(
    { error: reason, message: reasonMessage(reason) },
    { status, headers: { ...PAYWALL_CORS_HEADERS, "cache-control": "no-store", ...extraHeaders } },
  );
}

export function paymentResponseHeader(settlement: SettleResponse): string {
  return encodePaymentResponseHeader({
    success: settlement.success,
    transaction: settlement.transaction,
    network: settlement.network,
    payer: settlement.payer,
    ...(settlement.extensions ? { extensions: settlement.extensions } : {}),
  });
}
