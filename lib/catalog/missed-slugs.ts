import type { CatalogItemWithFiles } from "@/db/queries/catalog";

/** Snapshot misses read from the database per process and second, at most. */
export const MISS_READS_PER_SECOND = 20;

type MissState = { windowStart: number; reads: number; inFlight: Map<string, Promise<CatalogItemWithFiles | null>> };

// One budget per process, shared by every route bundle's copy of this module.
const KEY = Symbol.for("storefront.catalog-missed-slugs");
const scope = globalThis as { [KEY]?: MissState };
const state = () => (scope[KEY] ??= { windowStart: 0, reads: 0, inFlight: new Map() });

/**
 * The database's answer for a slug the catalog snapshot lacks, within a budget. An item published
 * through another server process is in the database before this process's next poll (up to a
 * second later, lib/catalog/snapshot.ts): one read finds it. A client asking for made-up slugs
 * must not turn each request into a database read, so misses read at most MISS_READS_PER_SECOND
 * times a second per process (concurrent misses of one slug share one read); past that a miss is
 * answered from the snapshot alone, as before, and the poll still brings new items within a second.
 * Null when the budget is spent or the item is not published.
 */
export function readMissedSlug(slug: string, read: (query: { slug: string }) => Promise<CatalogItemWithFiles | null>, now = Date.now()): Promise<CatalogItemWithFiles | null> {
  const current = state();
  const shared = current.inFlight.get(slug);
  if (shared) return shared;
  if (now - current.windowStart >= 1000) {
    current.windowStart = now;
    current.reads = 0;
  }
  if (current.reads >= MISS_READS_PER_SECOND) return Promise.resolve(null);
  current.reads++;
  const reading = read({ slug }).finally(() => current.inFlight.delete(slug));
  current.inFlight.set(slug, reading);
  return reading;
}
