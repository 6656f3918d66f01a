import { USDC_DECIMALS } from "@/lib/money/usdc";
import { normalizeCode } from "./code-format";
import type { PricingRefusal } from "./quote";

/** What a download URL's query asks of the price: `?code=` and `?amount=`, parsed, not yet judged. */
export type PriceQuery = { code: string | null; amountAtomic: bigint | null };

// Plain decimal USDC only ("3", "3.5", "0.000001"): a URL is written by a program, so the "$3"
// and "3 USDC" that the studio forgives a person are refused here rather than guessed.
const AMOUNT_PATTERN = new RegExp(`^(\\d{1,15})(?:\\.(\\d{1,${USDC_DECIMALS}}))?$`);

/** Parses an amount exactly into atomic units (never through a float), or null when malformed. */
export function parseQueryAmount(text: string): bigint | null {
  const match = AMOUNT_PATTERN.exec(text);
  if (!match) return null;
  return BigInt(match[1]) * 10n ** BigInt(USDC_DECIMALS) + BigInt((match[2] ?? "").padEnd(USDC_DECIMALS, "0"));
}

/**
 * Reads `code` and `amount` from a download URL's query. An empty `code=` is no code; a code
 * that cannot exist is `discount_code_invalid` at once, with nothing looked up.
 */
export function readPriceQuery(search: URLSearchParams): { ok: true; query: PriceQuery } | { ok: false; reason: PricingRefusal } {
  const codeText = search.get("code");
  const amountText = search.get("amount");
  let code: string | null = null;
  if (codeText !== null && codeText.trim() !== "") {
    code = normalizeCode(codeText);
    if (!code) return { ok: false, reason: "discount_code_invalid" };
  }
  let amountAtomic: bigint | null = null;
  if (amountText !== null) {
    amountAtomic = parseQueryAmount(amountText.trim());
    if (amountAtomic === null) return { ok: false, reason: "invalid_amount" };
  }
  return { ok: true, query: { code, amountAtomic } };
}
