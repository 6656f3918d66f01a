import { z } from "zod";
import { parseUsdc } from "./usdc";

/** The most one item may cost: a guard against a typo of a few extra digits. */
export const MAX_PRICE_ATOMIC = 1_000_000n * 10n ** 6n;

/**
 * An item's price as typed in the studio ("$3", "3", "3.00", "0.75"), to atomic units. The one
 * definition: the API route validates with it and the form checks with it before sending, so both
 * say the same thing about the same input. Safe for the browser (no server imports).
 */
export const priceSchema = z.string().transform((value, context) => {
  const parsed = parseUsdc(value, "price");
  if (!parsed.ok) {
    context.addIssue({ code: "custom", message: parsed.error, params: { reason: parsed.reason } });
    return z.NEVER;
  }
  if (parsed.atomic <= 0n) {
    context.addIssue({ code: "custom", message: "The price must be more than 0 USDC.", params: { reason: "not_positive" } });
    return z.NEVER;
  }
  if (parsed.atomic > MAX_PRICE_ATOMIC) {
    context.addIssue({ code: "custom", message: "The price may be at most 1,000,000 USDC.", params: { reason: "too_high" } });
    return z.NEVER;
  }
  return parsed.atomic;
});

/**
 * A pay-what-you-want minimum as typed in the studio: empty means the item sells at its fixed
 * price (null); otherwise 0 or more, up to the largest price. Safe for the browser.
 */
export const minimumSchema = z.string().transform((value, context) => {
  if (value.trim() === "") return null;
  const parsed = parseUsdc(value, "minimum");
  if (!parsed.ok) {
    context.addIssue({ code: "custom", message: parsed.error, params: { reason: parsed.reason } });
    return z.NEVER;
  }
  if (parsed.atomic > MAX_PRICE_ATOMIC) {
    context.addIssue({ code: "custom", message: "The minimum may be at most 1,000,000 USDC.", params: { reason: "too_high" } });
    return z.NEVER;
  }
  return parsed.atomic;
});

/** Why a pay-what-you-want minimum cannot go with a suggested price, or null. */
export function minimumProblem(priceAtomic: bigint, minimumAtomic: bigint | null): string | null {
  return minimumAtomic !== null && minimumAtomic > priceAtomic ? "The minimum cannot be more than the suggested price." : null;
}
