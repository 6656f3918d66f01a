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

export type ParseUsdcResult = { ok: true; atomic: bigint } | { ok: false; error: string };

/**
 * Parses a decimal USDC amount typed by a person ("1", "1.5", "0.000001") exactly into atomic
 * units. Refuses signs, exponents, separators and more than 6 decimals instead of rounding.
 */
export function parseUsdc(input: string): ParseUsdcResult {
  const text = input.trim();
  const match = /^(\d+)(?:\.(\d*))?$|^\.(\d+)$/.exec(text);
  if (!match) {
    return { ok: false, error: "Enter an amount like 4.99 (digits and one decimal point, no sign)." };
  }
  const whole = match[1] ?? "0";
  const fraction = match[2] ?? match[3] ?? "";
  if (fraction.length > USDC_DECIMALS) {
    return { ok: false, error: `USDC has ${USDC_DECIMALS} decimals; ${text} has ${fraction.length}.` };
  }
  const atomic = BigInt(whole) * UNIT + BigInt(fraction.padEnd(USDC_DECIMALS, "0") || "0");
  return { ok: true, atomic };
}
