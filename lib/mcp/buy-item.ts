import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { getPublishedItemBySlug } from "@/db/queries/catalog";
import { clientSubject } from "@/lib/abuse/client-key";
import { countRateLimit, peekRateLimit } from "@/lib/abuse/rate-limit";
import { acceptPayment } from "@/lib/x402/accept-payment";
import { downloadResource } from "@/lib/x402/download-resource";
import { offerReceiptDeclaration } from "@/lib/x402/offer-receipt";
import { PAYMENT_IDENTIFIER, PAYMENT_IDENTIFIER_DECLARATION } from "@/lib/x402/payment-identifier";
import { currentTermsFor } from "@/lib/x402/requirements";
import { deliverPurchase } from "./deliver-purchase";
import { type PaymentMetaResult, readPaymentMeta } from "./payment-meta";
import { paymentRequiredResult, toolError } from "./tool-results";

export const buyItemInput = {
  slug: z.string().min(1).max(200).describe("The item's slug, from search_catalog."),
};

/** The HTTP request an MCP call came in, and the origin its URLs are built on. */
export type McpCaller = { request: Request; origin: string };

const RETRY_SECONDS = 5;

/**
 * `buy_item`: the paid download's flow (lib/x402/paid-download.ts) behind a tool. Without a
 * payment, the x402 MCP transport's "payment required" with the item's requirements; with one in
 * `_meta["x402/payment"]`, the same claim, settlement, reasons and re-delivery rules as HTTP
 * (acceptPayment), then the receipt and the file. A call that ends without the file counts
 * against its client's allowance, like an unpaid 402.
 */
export async function buyItem(slug: string, meta: Record<string, unknown> | undefined, caller: McpCaller): Promise<CallToolResult> {
  const payment = readPaymentMeta(meta);
  try {
    const client = clientSubject(caller.request);
    const allowance = await peekRateLimit("unpaid", client);
    if (!allowance.ok) return rateLimited(allowance.retryAfterSeconds, "Too many calls without a purchase from this address");
    const result = await answer(slug, payment, caller);
    if (result.isError) await countRateLimit("unpaid", client);
    return result;
  } catch {
    // The database or storage failed mid-call: with a payment in hand its state is unknown (the
    // reconciler settles it), so never "payment required", which would invite a second signature.
    return toolError(payment.kind === "none" ? "store_unavailable" : "settlement_pending", { retryAfterSeconds: RETRY_SECONDS });
  }
}

function rateLimited(retryAfterSeconds: number, what: string): CallToolResult {
  return toolError("rate_limited", { message: `${what}; try again in ${retryAfterSeconds} s.`, retryAfterSeconds });
}

async function answer(slug: string, payment: PaymentMetaResult, caller: McpCaller): Promise<CallToolResult> {
  const item = await getPublishedItemBySlug({ slug });
  if (!item) return toolError("not_found");
  const terms = await currentTermsFor(item);
  if (!terms) return toolError("facilitator_unavailable", { retryAfterSeconds: RETRY_SECONDS });
  const { paywall, requirements } = terms;
  // The item's own requirements and resource, as its download URL's 402 states them: one
  // payment buys the item through either door. Re-access is Sign-In-With-X on that URL, not here.
  const resource = downloadResource(item, caller.origin);
  const refuse = async (reason: string) =>
    paymentRequiredResult(
      await paywall.server.createPaymentRequiredResponse(requirements, resource, reason, {
        [PAYMENT_IDENTIFIER]: PAYMENT_IDENTIFIER_DECLARATION,
        ...offerReceiptDeclaration(),
      }),
    );

  if (payment.kind === "none") return refuse("payment_required");
  if (payment.kind === "invalid") return refuse(payment.reason);
  const outcome = await acceptPayment({ paywall, payload: payment.payload, requirements, item });
  switch (outcome.kind) {
    case "paid":
      return deliverPurchase(item, outcome.transactionHash, caller.origin);
    case "refused":
    // MCP sells at the item's own price, without a code: a code cannot run out under it.
    case "pricing-refused":
      return refuse(outcome.reason);
    case "invalid-payment-id":
      return toolError("invalid_payment_identifier");
    case "payment-id-conflict":
      return toolError("payment_identifier_conflict");
    case "payer-limited":
      return rateLimited(outcome.retryAfterSeconds, "Too many refused payments from this wallet");
    case "unavailable":
      return toolError(outcome.reason, { retryAfterSeconds: RETRY_SECONDS });
  }
}
