import type { PaymentRequired } from "@x402/core/types";
import type { CatalogItemWithFiles } from "@/db/queries/catalog";
import { findDiscountRuleById } from "@/db/queries/discount-codes";
import { recordFreeClaim } from "@/db/queries/free-claims";
import { siwxDeclarationFor } from "@/lib/auth/siwx";
import { getChainConfig } from "@/lib/chain/config";
import { payToOf } from "@/lib/catalog/pay-to";
import { deliverItem, filesAvailable } from "@/lib/downloads/deliver-item";
import { type AppliedDiscount, checkRule } from "@/lib/pricing/quote";
import { getStorage } from "@/lib/storage";
import { downloadResource } from "./download-resource";
import { PAYWALL_CORS_HEADERS, errorResponse, paymentRequiredResponse } from "./responses";

const FREE_CLAIM_STATEMENT = "Sign in to claim this item for free with this wallet.";

/**
 * A free claim's 402: no payment terms (there is nothing to pay), only the Sign-In-With-X
 * challenge whose signed proof, sent back to the same URL, claims the item for that wallet.
 */
export function freeClaimRequired(options: { request: Request; item: CatalogItemWithFiles; origin: string; query: URLSearchParams; siwxResource: string; reason?: string }) {
  const paymentRequired: PaymentRequired = {
    x402Version: 2,
    error: options.reason ?? "free_claim_requires_siwx",
    resource: downloadResource(options.item, options.origin, options.query),
    accepts: [],
    extensions: siwxDeclarationFor(options.siwxResource, FREE_CLAIM_STATEMENT),
  };
  return paymentRequiredResponse(paymentRequired, options.request.method);
}

/**
 * Claims a free item for a proven wallet: a 0-amount receipt in its library (and a use of the
 * code that made it free, under the code's constraint), then the file; no chain transaction.
 */
export async function claimFree({ item, buyer, discount }: { item: CatalogItemWithFiles; buyer: string; discount: AppliedDiscount | null }): Promise<Response> {
  const storage = getStorage();
  if (!(await filesAvailable(storage, item))) return errorResponse(503, "file_unavailable", { "retry-after": "5" });
  const chain = getChainConfig();
  const recorded = await recordFreeClaim({ itemId: item.id, buyer, payTo: payToOf(item), network: chain.network, asset: chain.usdc, discount });
  if (!recorded) {
    const rule = discount ? await findDiscountRuleById({ codeId: discount.codeId }) : null;
    return errorResponse(400, checkRule(rule, item.id, new Date()) ?? "discount_code_exhausted");
  }
  return deliverItem({ storage, item, headers: new Headers(PAYWALL_CORS_HEADERS) });
}
