/** Retries back off no further than this: a receiver down for hours is still tried about hourly. */
const MAX_DELAY_MS = 60 * 60 * 1000;

/**
 * When to try again after `attempts` failed attempts: base, 2×base, 4×base… up to an hour; null
 * once that would fall past `retryUntil` (the 24-hour window), which gives the delivery up.
 */
export function nextAttemptAt({ attempts, baseMs, now, retryUntil }: { attempts: number; baseMs: number; now: Date; retryUntil: Date }): Date | null {
  const delay = Math.min(MAX_DELAY_MS, baseMs * 2 ** Math.min(attempts - 1, 30));
  const next = new Date(now.getTime() + delay);
  return next > retryUntil ? null : next;
}
