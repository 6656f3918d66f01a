import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { PaymentRequired, SettleResponse } from "@x402/core/types";
import { reasonMessage } from "@/lib/x402/reasons";
import { PAYMENT_RESPONSE_META } from "./payment-meta";

type Structured = Record<string, unknown>;

/**
 * "Payment required" in the x402 MCP transport's tool-result binding: a tool error whose
 * `structuredContent` is the PaymentRequired object and whose first text is the same object as
 * JSON, for clients without structured content. A person-readable line follows it.
 */
export function paymentRequiredResult(paymentRequired: PaymentRequired): CallToolResult {
  return {
    isError: true,
    structuredContent: paymentRequired as unknown as Structured,
    content: [
      { type: "text", text: JSON.stringify(paymentRequired) },
      { type: "text", text: reasonMessage(paymentRequired.error ?? "payment_required") },
    ],
  };
}

/** A refusal that is not "pay (again)": the machine reason, its message, and when to retry if that helps. */
export function toolError(reason: string, options: { message?: string; retryAfterSeconds?: number } = {}): CallToolResult {
  const body: Structured = { error: reason, message: options.message ?? reasonMessage(reason) };
  if (options.retryAfterSeconds !== undefined) body.retryAfterSeconds = options.retryAfterSeconds;
  return { isError: true, structuredContent: body, content: [{ type: "text", text: JSON.stringify(body) }] };
}

/** A successful tool result with its structured content mirrored as JSON text, and extra content after it. */
export function toolSuccess(structured: Structured, extra: CallToolResult["content"] = [], settlement?: SettleResponse): CallToolResult {
  return {
    structuredContent: structured,
    content: [{ type: "text", text: JSON.stringify(structured) }, ...extra],
    ...(settlement ? { _meta: { [PAYMENT_RESPONSE_META]: settlement } } : {}),
  };
}
