import { databaseRateLimitStore } from "@/db/queries/rate-limits";
import { getEnv } from "@/lib/env";
import { clientAddress } from "@/lib/http/client-address";

/**
 * Counts hits per key in fixed windows. In-process by default; RATE_LIMIT_STORE=database shares
 * the counts between server processes, and any other shared store plugs in through this interface.
 */
export interface RateLimitStore {
  /** Adds one hit to `key`'s current window and returns the window's count and end. */
  hit(key: string, windowMs: number, now: number): Promise<{ count: number; resetAt: number }>;
}

/** Windows in a Map, swept of expired keys as it grows. Enough for one process. */
export function memoryRateLimitStore(maxKeys = 100_000): RateLimitStore {
  const windows = new Map<string, { count: number; resetAt: number }>();
  return {
    async hit(key, windowMs, now) {
      let window = windows.get(key);
      if (!window || window.resetAt <= now) {
        if (windows.size >= maxKeys) for (const [stale, entry] of windows) if (entry.resetAt <= now) windows.delete(stale);
        window = { count: 0, resetAt: now + windowMs };
        windows.set(key, window);
      }
      window.count++;
      return { ...window };
    },
  };
}

const STORE = Symbol.for("storefront.rate-limit-store");
const slot = globalThis as { [STORE]?: RateLimitStore };

/** Replaces the store, e.g. with one shared by several server processes. */
export function setRateLimitStore(store: RateLimitStore) {
  slot[STORE] = store;
}

export type RateLimitRule = "unpaid" | "sign-in" | "upload";

function ruleLimits(rule: RateLimitRule): { limit: number; windowMs: number } {
  const env = getEnv();
  if (rule === "unpaid") return { limit: env.RATE_LIMIT_UNPAID_PER_MINUTE, windowMs: 60_000 };
  if (rule === "sign-in") return { limit: env.RATE_LIMIT_SIGN_IN_PER_MINUTE, windowMs: 60_000 };
  return { limit: env.RATE_LIMIT_UPLOADS_PER_HOUR, windowMs: 3_600_000 };
}

export type RateLimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Counts this request against the client's allowance for `rule`. */
export async function checkRateLimit(rule: RateLimitRule, request: Request, now = Date.now()): Promise<RateLimitResult> {
  const { limit, windowMs } = ruleLimits(rule);
  slot[STORE] ??= getEnv().RATE_LIMIT_STORE === "database" ? databaseRateLimitStore() : memoryRateLimitStore();
  const { count, resetAt } = await slot[STORE].hit(`${rule}:${clientAddress(request.headers)}`, windowMs, now);
  return count <= limit ? { ok: true } : { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((resetAt - now) / 1000)) };
}

export function rateLimitedResponse(retryAfterSeconds: number, headers: HeadersInit = {}): Response {
  return Response.json(
    { error: "rate_limited", message: `Too many requests from this address; try again in ${retryAfterSeconds} s.` },
    { status: 429, headers: { ...headers, "retry-after": String(retryAfterSeconds), "cache-control": "no-store" } },
  );
}
