import { type WindowHits, addRateLimitHits, deleteRateLimitWindowsBefore, windowId } from "@/db/queries/rate-limits";
import type { RateLimitStore } from "./rate-limit";

/** How often a process adds its hits to the shared counts and reads the other processes' hits. */
export const FLUSH_MS = 1_000;
const SWEEP_EVERY_MS = 60_000;
/** Windows whose shared count one flush reads back although this process added nothing to them. */
const MAX_READS_PER_FLUSH = 500;

type Window = { key: string; windowStart: number; resetAt: number; shared: number; pending: number };

export type BatchedRateLimitStore = RateLimitStore & {
  /** Sends the hits counted since the last flush and reads back the shared counts (also run by the timer). */
  flush(now?: number): Promise<void>;
};

/**
 * RATE_LIMIT_STORE=database without a database round trip per request: hits are counted in this
 * process's memory and added to the shared `rate_limit_windows` rows in one statement every
 * FLUSH_MS, which also reads back what the other processes added. A window's count is then the
 * shared count at the last flush plus this process's hits since.
 *
 * What this trades, on purpose (an unpaid 402 must cost no database write):
 * - Limits are shared between processes within one flush interval: each flush reads back the
 *   shared count of every window this process saw a request for since the last one, so a process
 *   acts on the other processes' hits at most one interval after a client's request reached it.
 *   Past its limit a client can get at most about one interval's worth of extra requests from
 *   each process before all of them answer 429.
 * - A crash or a restart loses the hits not yet flushed: at most the last FLUSH_MS of one
 *   process's counts (a client's allowance is then that much larger, once).
 * Windows are aligned to multiples of their length, as before, so that all processes share them.
 */
export function batchedRateLimitStore(): BatchedRateLimitStore {
  const windows = new Map<string, Window>();
  /** Windows hit or asked about since the last flush: their shared counts are worth reading. */
  const touched = new Set<Window>();
  let flushed: Promise<void> = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastSweep = 0;

  function windowOf(key: string, windowMs: number, now: number): Window {
    const windowStart = Math.floor(now / windowMs) * windowMs;
    const id = windowId(key, new Date(windowStart));
    let window = windows.get(id);
    if (!window) {
      window = { key, windowStart, resetAt: windowStart + windowMs, shared: 0, pending: 0 };
      windows.set(id, window);
    }
    touched.add(window);
    schedule();
    return window;
  }

  function schedule() {
    timer ??= setTimeout(() => {
      timer = undefined;
      // A failed flush keeps its hits and tries again one interval later.
      void flush().catch(schedule);
    }, FLUSH_MS).unref();
  }

  async function send(now: number) {
    for (const [id, window] of windows) if (window.resetAt <= now && window.pending === 0) windows.delete(id);
    const batch = [...touched].filter((window) => window.resetAt > now || window.pending > 0);
    touched.clear();
    const reads = batch.filter((window) => window.pending === 0).slice(0, MAX_READS_PER_FLUSH);
    const writes = batch.filter((window) => window.pending > 0);
    const sent = new Map(writes.map((window) => [window, window.pending]));
    const entries: WindowHits[] = [...writes, ...reads].map((window) => ({ key: window.key, windowStart: new Date(window.windowStart), hits: sent.get(window) ?? 0 }));
    if (entries.length === 0) return;
    let counts: Map<string, number>;
    try {
      counts = await addRateLimitHits(entries);
    } catch (error) {
      // Not sent: counted again at the next flush.
      for (const window of writes) touched.add(window);
      throw error;
    }
    for (const window of [...writes, ...reads]) {
      window.pending -= sent.get(window) ?? 0;
      window.shared = counts.get(windowId(window.key, new Date(window.windowStart))) ?? window.shared;
    }
    if (now - lastSweep > SWEEP_EVERY_MS) {
      lastSweep = now;
      // Windows are at most an hour long; a day-old one is history.
      await deleteRateLimitWindowsBefore(new Date(now - 86_400_000));
    }
  }

  function flush(now = Date.now()): Promise<void> {
    // One flush at a time: a second caller waits for the one under way, then sends what is left.
    const run = flushed.catch(() => {}).then(() => send(now));
    flushed = run;
    return run;
  }

  return {
    async hit(key, windowMs, now) {
      const window = windowOf(key, windowMs, now);
      window.pending++;
      return { count: window.shared + window.pending, resetAt: window.resetAt };
    },
    async peek(key, windowMs, now) {
      const window = windowOf(key, windowMs, now);
      return { count: window.shared + window.pending, resetAt: window.resetAt };
    },
    flush,
  };
}
