import type { Hex } from "viem";

/** How long the embedded facilitator reuses an address's code. */
const CODE_TTL_MS = 30_000;
/** Bounded: one entry per recent payer. */
const MAX_ENTRIES = 10_000;

/**
 * `eth_getCode` for the embedded facilitator, remembered briefly. The exact scheme asks for the
 * payer's code four times per payment (to classify the signature, then to verify it, once in verify
 * and again in settle) and the answer decides only how the facilitator pre-checks the signature:
 * the token checks it again on-chain when the transfer runs, so a code deployed within the last
 * seconds can make a pre-check wrong, never a transfer. A failed read is not remembered.
 */
export function recentCode(read: (address: `0x${string}`) => Promise<Hex | undefined>) {
  const cache = new Map<string, { code: Promise<Hex | undefined>; at: number }>();
  return (address: `0x${string}`): Promise<Hex | undefined> => {
    const key = address.toLowerCase();
    const known = cache.get(key);
    if (known && Date.now() - known.at < CODE_TTL_MS) return known.code;
    if (cache.size >= MAX_ENTRIES) cache.clear();
    const code = read(address);
    cache.set(key, { code, at: Date.now() });
    code.catch(() => cache.delete(key));
    return code;
  };
}
