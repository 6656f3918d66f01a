import type { StudioDiscountCode } from "@/db/queries/discount-codes";
import { formatUsdc } from "@/lib/money/usdc";

/** A discount code as the studio API returns it: money as exact USDC strings. */
export function discountCodeJson(code: StudioDiscountCode) {
  return {
    id: code.id,
    code: code.code,
    percentOff: code.percentOff,
    amountOff: code.amountOffAtomic === null ? null : formatUsdc(code.amountOffAtomic),
    allItems: code.allItems,
    itemIds: code.itemIds,
    maxUses: code.maxUses,
    /** Payments holding the code: settled, and any still settling. */
    uses: code.uses,
    expiresAt: code.expiresAt?.toISOString() ?? null,
    paused: code.paused,
    sales: code.salesCount,
    revenue: formatUsdc(code.revenueAtomic),
    discounted: formatUsdc(code.discountedAtomic),
  };
}
