import { formatUsdc } from "@/lib/money/usdc";
import { type DiscountRule, type ItemPricing, checkRule } from "./quote";

/** An item's pricing as /api/catalog states it: USDC decimal strings, exact. */
export function catalogPricing(item: ItemPricing) {
  return item.pwywMinimumAtomic === null
    ? ({ mode: "fixed", amount: formatUsdc(item.priceAtomic) } as const)
    : ({ mode: "pwyw", minimum: formatUsdc(item.pwywMinimumAtomic), suggested: formatUsdc(item.priceAtomic) } as const);
}

/**
 * Whether some code of the item's creator can be used on it now (so a `?code=` is worth asking
 * for). Codes are the creator's to hand out: which ones exist is never listed.
 */
export function codesMayApply(rules: ReadonlyMap<string, DiscountRule>, item: ItemPricing & { creatorId: string }, now: Date): boolean {
  const prefix = `${item.creatorId}:`;
  for (const [key, rule] of rules) if (key.startsWith(prefix) && checkRule(rule, item.id, now) === null) return true;
  return false;
}
