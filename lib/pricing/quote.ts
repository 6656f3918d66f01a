import type { PriceQuery } from "./query";

/** Why a price query is refused (400, no payment terms): the reasons, machine-readable. */
export type PricingRefusal = "discount_code_invalid" | "discount_code_expired" | "discount_code_exhausted" | "amount_below_minimum" | "invalid_amount";

/** How an item is priced: fixed at `priceAtomic`, or pay-what-you-want from a minimum with `priceAtomic` suggested. */
export type ItemPricing = { id: string; priceAtomic: bigint; pwywMinimumAtomic: bigint | null };

/** A discount code as the pricing rules need it (from the catalog snapshot, or read again at payment time). */
export type DiscountRule = {
  id: string;
  code: string;
  percentOff: number | null;
  amountOffAtomic: bigint | null;
  allItems: boolean;
  itemIds: readonly string[];
  maxUses: number | null;
  uses: number;
  expiresAt: Date | null;
  paused: boolean;
};

export type AppliedDiscount = { codeId: string; code: string; discountAtomic: bigint };

/** What the query buys the item at: the amount to pay and the discount that made it. */
export type Quote = { amountAtomic: bigint; discount: AppliedDiscount | null };

export type QuoteResult = { ok: true; quote: Quote } | { ok: false; reason: PricingRefusal };

type QuoteInput = {
  item: ItemPricing;
  query: PriceQuery;
  /** The item creator's code named by `query.code`, if there is one (looked up by the caller). */
  rule: DiscountRule | null;
  now: Date;
  /** The most a buyer may choose to pay (the store's maximum). */
  maxAtomic: bigint;
};

const refuse = (reason: PricingRefusal): QuoteResult => ({ ok: false, reason });

/** Whether a code can be used on this item now, and if not, why. */
export function checkRule(rule: DiscountRule | null, itemId: string, now: Date): PricingRefusal | null {
  // A paused code and a code for other items are as unknown to the buyer as a code that never existed.
  if (!rule || rule.paused || !(rule.allItems || rule.itemIds.includes(itemId))) return "discount_code_invalid";
  if (rule.expiresAt && rule.expiresAt.getTime() <= now.getTime()) return "discount_code_expired";
  if (rule.maxUses !== null && rule.uses >= rule.maxUses) return "discount_code_exhausted";
  return null;
}

/** `base` less what the rule takes off it, never below 0; a percentage rounds the discount down (the creator's favour by < 1 atomic unit). */
function discounted(base: bigint, rule: DiscountRule): bigint {
  const off = rule.percentOff !== null ? (base * BigInt(rule.percentOff)) / 100n : (rule.amountOffAtomic ?? 0n);
  return off >= base ? 0n : base - off;
}

/**
 * The one place a price is decided, for the 402 and for the payment alike. A fixed-price item
 * costs its price less the code's discount and takes no `amount`. A pay-what-you-want item costs
 * the chosen `amount` (the suggested price when none is chosen), which must reach the minimum; a
 * code lowers that minimum, never the chosen amount. 0 is a free claim (no chain transaction).
 */
export function quotePrice({ item, query, rule, now, maxAtomic }: QuoteInput): QuoteResult {
  let applied: DiscountRule | null = null;
  if (query.code !== null) {
    const refusal = checkRule(rule, item.id, now);
    if (refusal) return refuse(refusal);
    applied = rule;
  }
  if (item.pwywMinimumAtomic === null) {
    // A fixed price is not negotiable: an amount is refused rather than silently ignored.
    if (query.amountAtomic !== null) return refuse("invalid_amount");
    const amountAtomic = applied ? discounted(item.priceAtomic, applied) : item.priceAtomic;
    return { ok: true, quote: { amountAtomic, discount: applied && { codeId: applied.id, code: applied.code, discountAtomic: item.priceAtomic - amountAtomic } } };
  }
  const minimum = applied ? discounted(item.pwywMinimumAtomic, applied) : item.pwywMinimumAtomic;
  const amountAtomic = query.amountAtomic ?? item.priceAtomic;
  if (amountAtomic > maxAtomic) return refuse("invalid_amount");
  if (amountAtomic < minimum) return refuse("amount_below_minimum");
  return { ok: true, quote: { amountAtomic, discount: applied && { codeId: applied.id, code: applied.code, discountAtomic: item.pwywMinimumAtomic - minimum } } };
}
