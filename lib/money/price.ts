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
