import { getEnv } from "@/lib/env";
import { batchedRateLimitStore } from "./batched-store";
import { clientSubject } from "./client-key";

/**
 * Counts hits per key in fixed windows. In-process by default; RATE_LIMIT_STORE=database shares
 * the counts between server processes (counted in memory, added to the database in batches:
 * lib/abuse/batched-store.ts), and any other shared store plugs in through this interface.
 */
export interface RateLimitStore {
  /** Adds one hit to `key`'s current window and returns the window's count and end. */
  hit(key: string, windowMs: number, now: number): Promise<{ count: number; resetAt: number }>;
  /** The current window's count and end, without adding a hit. */
  peek(key: string, windowMs: number, now: number): Promise<{ count: number; resetAt: number }>;
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
    async peek(key, windowMs, now) {
      const window = windows.get(key);
      return window && window.resetAt > now ? { ...window } : { count: 0, resetAt: now + windowMs };
    },
  };
}

const STORE = Symbol.for("storefront.rate-limit-store");
const slot = globalThis as { [STORE]?: RateLimitStore };

/** Replaces the store, e.g. with one shared by several server processes. */
export function setRateLimitStore(store: RateLimitStore) {
  slot[STORE] = store;
}

/**
 * What is rationed, and per whom: requests to a download URL that end without the file, sign-in
 * messages and uploads per client; validly signed payments that were still refused per payer
 * wallet; re-downloads of one purchase; test USDC from the devnet faucet per client.
 */
export type RateLimitRule = "unpaid" | "sign-in" | "upload" | "refused-payer" | "redownload" | "faucet";

function ruleLimits(rule: RateLimitRule): { limit: number; windowMs: number } {
  const env = getEnv();
  switch (rule) {
    case "unpaid":
      return { limit: env.RATE_LIMIT_UNPAID_PER_MINUTE, windowMs: 60_000 };
    case "sign-in":
      return { limit: env.RATE_LIMIT_SIGN_IN_PER_MINUTE, windowMs: 60_000 };
    case "upload":
      return { limit: env.RATE_LIMIT_UPLOADS_PER_HOUR, windowMs: 3_600_000 };
    case "refused-payer":
      return { limit: env.RATE_LIMIT_REFUSED_PER_PAYER_PER_MINUTE, windowMs: 60_000 };
    case "redownload":
      return { limit: env.RATE_LIMIT_REDOWNLOADS_PER_HOUR, windowMs: 3_600_000 };
    case "faucet":
      return { limit: env.RATE_LIMIT_FAUCET_PER_HOUR, windowMs: 3_600_000 };
  }
}

function store(): RateLimitStore {
  slot[STORE] ??= getEnv().RATE_LIMIT_STORE === "database" ? batchedRateLimitStore() : memoryRateLimitStore();
  return slot[STORE];
}

export type RateLimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

function verdict(limit: number, count: number, resetAt: number, now: number): RateLimitResult {
  return count <= limit ? { ok: true } : { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((resetAt - now) / 1000)) };
}

/** Counts one hit against `subject`'s allowance for `rule` (a client, a payer, a purchase). */
export async function countRateLimit(rule: RateLimitRule, subject: string, now = Date.now()): Promise<RateLimitResult> {
  const { limit, windowMs } = ruleLimits(rule);
  const { count, resetAt } = await store().hit(`${rule}:${subject}`, windowMs, now);
  return verdict(limit, count, resetAt, now);
}

/** Whether `subject` still has allowance for `rule`, without using any: for what is counted only when it fails. */
export async function peekRateLimit(rule: RateLimitRule, subject: string, now = Date.now()): Promise<RateLimitResult> {
  const { limit, windowMs } = ruleLimits(rule);
  const { count, resetAt } = await store().peek(`${rule}:${subject}`, windowMs, now);
  return verdict(limit - 1, count, resetAt, now);
}

/** Counts this request against its client's allowance for `rule`. */
export function checkRateLimit(rule: RateLimitRule, request: Request, now = Date.now()): Promise<RateLimitResult> {
  return countRateLimit(rule, clientSubject(request), now);
}

export function rateLimitedResponse(retryAfterSeconds: number, headers: HeadersInit = {}, message?: string): Response {
  return Response.json(
    { error: "rate_limited", message: message ?? `Too many requests from this address; try again in ${retryAfterSeconds} s.` },
    { status: 429, headers: { ...headers, "retry-after": String(retryAfterSeconds), "cache-control": "no-store" } },
  );
}
