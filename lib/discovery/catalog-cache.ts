import { type CatalogItemWithFiles, getPublishedItemsWithFiles } from "@/db/queries/catalog";

/**
 * How long another server process may serve a catalog that changed under it. Studio changes made
 * through this process clear its copy at once (catalogChanged); processes sharing one PostgreSQL
 * database cannot hear of each other's changes, so their copies expire. A TTL rather than a
 * version query per request: the documents built from this are advisory (the 402 reads price and
 * payTo from the database on every request, and refuses a payment signed for other terms), so a
 * few seconds of staleness cost nothing, while a version check would put a database round trip
 * back on every discovery request, and the schema has no cheap catalog version to compare.
 */
export const CATALOG_CACHE_TTL_MS = 10_000;

type Entry = { items: Promise<CatalogItemWithFiles[]>; expiresAt: number };
type Slot = { entry?: Entry };

// Next.js bundles each route with its own copy of this module: the cache lives on globalThis so
// that a studio route's catalogChanged() clears the copy the discovery routes read.
const SLOT = Symbol.for("storefront.discovery-catalog");

function slot(): Slot {
  const global = globalThis as { [SLOT]?: Slot };
  global[SLOT] ??= {};
  return global[SLOT];
}

/** Published items with their files, as the discovery documents describe them: from memory while fresh. */
export function cachedPublishedCatalog(now = Date.now()): Promise<CatalogItemWithFiles[]> {
  const state = slot();
  if (state.entry && state.entry.expiresAt > now) return state.entry.items;
  const items = getPublishedItemsWithFiles();
  const entry: Entry = { items, expiresAt: now + CATALOG_CACHE_TTL_MS };
  state.entry = entry;
  // A failed read is not kept: the next request tries the database again.
  items.catch(() => {
    if (state.entry === entry) state.entry = undefined;
  });
  return items;
}

/**
 * Called after every studio change that can alter the published catalog: the next discovery
 * request reads the database. A read already under way when this runs began before the change
 * and is dropped with its entry.
 */
export function catalogChanged() {
  slot().entry = undefined;
}
