import { encodePaymentRequiredHeader, encodePaymentResponseHeader } from "@x402/core/http";
import type { PaymentRequired, SettleResponse } from "@x402/core/types";
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

/** 402 with the PaymentRequired in the header (v2 clients) and as the JSON body (v1 clients, where v1 can name the chain). */
export function paymentRequiredResponse(paymentRequired: PaymentRequired, method: string): Response {
  const reason = paymentRequired.error ?? "payment_required";
  const body = paymentRequiredBody(paymentRequired, reason);
  return new Response(method === "HEAD" ? null : JSON.stringify(body), {
    status: 402,
    headers: {
      ...PAYWALL_CORS_HEADERS,
      "content-type": "application/json",
      "cache-control": "no-store",
      "payment-required": encodePaymentRequiredHeader(paymentRequired),
    },
  });
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
