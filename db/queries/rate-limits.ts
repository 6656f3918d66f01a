import "server-only";
import { and, eq, lt, or, sql } from "drizzle-orm";
import { getDb } from "../database";
import { rateLimitWindows } from "../schema";

/** One key's window: hits to add (0 to only read the shared count). */
export type WindowHits = { key: string; windowStart: Date; hits: number };

/**
 * Adds each window's hits to the shared counts, in one statement, and returns every given
 * window's count after the addition (all server processes' hits together).
 */
export async function addRateLimitHits(windows: WindowHits[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const adding = windows.filter((window) => window.hits > 0);
  if (adding.length > 0) {
    const rows = await getDb()
      .insert(rateLimitWindows)
      .values(adding.map(({ key, windowStart, hits }) => ({ key, windowStart, count: hits })))
      .onConflictDoUpdate({ target: [rateLimitWindows.key, rateLimitWindows.windowStart], set: { count: sql`${rateLimitWindows.count} + excluded.count` } })
      .returning({ key: rateLimitWindows.key, windowStart: rateLimitWindows.windowStart, count: rateLimitWindows.count });
    for (const row of rows) counts.set(windowId(row.key, row.windowStart), row.count);
  }
  const reading = windows.filter((window) => window.hits === 0);
  if (reading.length > 0) {
    const rows = await getDb()
      .select({ key: rateLimitWindows.key, windowStart: rateLimitWindows.windowStart, count: rateLimitWindows.count })
      .from(rateLimitWindows)
      .where(or(...reading.map(({ key, windowStart }) => and(eq(rateLimitWindows.key, key), eq(rateLimitWindows.windowStart, windowStart)))));
    for (const row of rows) counts.set(windowId(row.key, row.windowStart), row.count);
  }
  return counts;
}

/** How addRateLimitHits names a window in its answer. */
export function windowId(key: string, windowStart: Date): string {
  return `${windowStart.getTime()}:${key}`;
}

/** Deletes windows that started before `before`. */
export async function deleteRateLimitWindowsBefore(before: Date): Promise<void> {
  await getDb().delete(rateLimitWindows).where(lt(rateLimitWindows.windowStart, before));
}
