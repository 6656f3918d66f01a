import "server-only";
import { and, eq, lt, sql } from "drizzle-orm";
import type { RateLimitStore } from "@/lib/abuse/rate-limit";
import { getDb } from "../database";
import { rateLimitWindows } from "../schema";

const SWEEP_EVERY_MS = 60_000;

/** Rate-limit windows in the database: every server process on it counts against one allowance. */
export function databaseRateLimitStore(): RateLimitStore {
  let lastSweep = 0;
  return {
    async hit(key, windowMs, now) {
      const windowStart = new Date(Math.floor(now / windowMs) * windowMs);
      const [row] = await getDb()
        .insert(rateLimitWindows)
        .values({ key, windowStart, count: 1 })
        .onConflictDoUpdate({ target: [rateLimitWindows.key, rateLimitWindows.windowStart], set: { count: sql`${rateLimitWindows.count} + 1` } })
        .returning({ count: rateLimitWindows.count });
      if (now - lastSweep > SWEEP_EVERY_MS) {
        lastSweep = now;
        // Windows are at most an hour long; a day-old one is history.
        await getDb().delete(rateLimitWindows).where(lt(rateLimitWindows.windowStart, new Date(now - 86_400_000)));
      }
      return { count: row.count, resetAt: windowStart.getTime() + windowMs };
    },
    async peek(key, windowMs, now) {
      const windowStart = new Date(Math.floor(now / windowMs) * windowMs);
      const [row] = await getDb()
        .select({ count: rateLimitWindows.count })
        .from(rateLimitWindows)
        .where(and(eq(rateLimitWindows.key, key), eq(rateLimitWindows.windowStart, windowStart)));
      return { count: row?.count ?? 0, resetAt: windowStart.getTime() + windowMs };
    },
  };
}
