/** USDC has 6 decimals everywhere it is issued; amounts are handled as atomic-unit bigints only. */
export const USDC_DECIMALS = 6;
const UNIT = 10n ** BigInt(USDC_DECIMALS);

/** Formats atomic units as a decimal string with at least two decimals: 1500000n → "1.50". */
export function formatUsdc(atomic: bigint): string {
  const negative = atomic < 0n;
  const magnitude = negative ? -atomic : atomic;
  const whole = magnitude / UNIT;
  const fraction = (magnitude % UNIT).toString().padStart(USDC_DECIMALS, "0").replace(/0+$/, "").padEnd(2, "0");
  return `${negative ? "-" : ""}${whole.toString()}.${fraction}`;
}

/** "1.50 USDC", for people. */
export function displayUsdc(atomic: bigint): string {
  return `${formatUsdc(atomic)} USDC`;
}

/** Why a typed amount was refused, for callers that branch on it; `error` is the sentence for people. */
export type UsdcParseError = "empty" | "negative" | "not_a_number" | "too_many_decimals";
export type ParseUsdcResult = { ok: true; atomic: bigint } | { ok: false; reason: UsdcParseError; error: string };

/**
 * Parses a decimal USDC amount typed by a person ("1", "1.5", "$3", "0.75 USDC") exactly into
 * atomic units. A leading "$" and a trailing "USDC" are what people paste; signs, exponents,
 * separators and more than 6 decimals are refused instead of guessed or rounded.
 */
export function parseUsdc(input: string, noun = "amount"): ParseUsdcResult {
  const text = input
    .trim()
    .replace(/^\$\s*/, "")
    .replace(/\s*usdc$/i, "");
  if (text === "") return { ok: false, reason: "empty", error: `Enter ${article(noun)} ${noun}, for example 4.99.` };
  if (/^-\s*\.?\d/.test(text)) return { ok: false, reason: "negative", error: `The ${noun} cannot be negative.` };
  const match = /^(\d+)(?:\.(\d*))?$|^\.(\d+)$/.exec(text);
  if (!match) {
    return { ok: false, reason: "not_a_number", error: `Enter ${article(noun)} ${noun} like 4.99 or $4.99 (digits and one decimal point, no sign).` };
  }
  const whole = match[1] ?? "0";
  const fraction = match[2] ?? match[3] ?? "";
  if (fraction.length > USDC_DECIMALS) {
    return { ok: false, reason: "too_many_decimals", error: `USDC has ${USDC_DECIMALS} decimals; ${input.trim()} has ${fraction.length}.` };
  }
  const atomic = BigInt(whole) * UNIT + BigInt(fraction.padEnd(USDC_DECIMALS, "0") || "0");
  return { ok: true, atomic };
}

function article(noun: string): string {
  return /^[aeiou]/i.test(noun) ? "an" : "a";
}
