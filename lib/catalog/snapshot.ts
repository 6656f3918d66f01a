import { type CatalogItemWithFiles, getPublishedItemBySlug, getPublishedItemsWithFiles, readCatalogFingerprint } from "@/db/queries/catalog";
import { getAllDiscountRules } from "@/db/queries/discount-codes";
import type { DiscountRule } from "@/lib/pricing/quote";
import { readMissedSlug } from "./missed-slugs";

/**
 * The published catalog in memory, one copy per server process: what unpaid 402s, /api/catalog
 * and the discovery documents read instead of the database on every request.
 *
 * Kept current two ways:
 * - catalogChanged(), called by the studio's routes after every change, drops this process's copy
 *   at once (the next request reads the database);
 * - every POLL_MS each process reads the catalog's fingerprint (row counts and newest row versions
 *   of items, files, creators and discount codes: readCatalogFingerprint) and drops its copy when it differs from
 *   the one read with the copy. That carries a change made by another process on the same
 *   PostgreSQL database within one interval, and any write that bypassed the studio (a seed, a
 *   migration, an operator's SQL) too. A failed read drops the copy as well, so that a database
 *   outage is answered as one (503), not from memory.
 *
 * Nothing charged is decided from this copy: a request that carries a payment or a sign-in proof
 * reads its item from the database (lib/x402/paid-download.ts), so price and payTo are never stale
 * at payment time and a payment signed for old terms is refused with the mismatch's reason.
 */
export const POLL_MS = 1_000;

export type CatalogSnapshot = {
  /** Published items, newest first (then by slug), each with its creator and files. */
  items: CatalogItemWithFiles[];
  bySlug: ReadonlyMap<string, CatalogItemWithFiles>;
  /** Discount codes keyed `creatorId:CODE`: what an unpaid 402 is priced by (a payment reads the code again). */
  discountRules: ReadonlyMap<string, DiscountRule>;
};

type Loaded = { snapshot: Promise<CatalogSnapshot>; fingerprint?: string };
type State = { loaded?: Loaded; poller?: ReturnType<typeof setInterval>; polling?: Promise<void> };

// Next.js bundles each route with its own copy of this module: the state lives on globalThis so
// that a studio route's catalogChanged() drops the copy the download and catalog routes read.
const SLOT = Symbol.for("storefront.catalog-snapshot");

function state(): State {
  const global = globalThis as { [SLOT]?: State };
  global[SLOT] ??= {};
  return global[SLOT];
}

async function readSnapshot(onFingerprint: (fingerprint: string) => void): Promise<CatalogSnapshot> {
  // The fingerprint is read before the rows: a change landing between the two reads shows as a
  // different fingerprint at the next poll, which reloads (never the other way round).
  onFingerprint(await readCatalogFingerprint());
  // Sorted again in JavaScript: the database orders by microseconds, which a Date drops, and
  // /api/catalog's cursor (lib/catalog/catalog-api.ts) compares what a Date holds.
  const items = (await getPublishedItemsWithFiles()).sort(
    (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0),
  );
  return { items, bySlug: new Map(items.map((item) => [item.slug, item])), discountRules: await getAllDiscountRules() };
}

function load(current: State): Loaded {
  const loaded: Loaded = {
    snapshot: readSnapshot((fingerprint) => {
      loaded.fingerprint = fingerprint;
    }),
  };
  // A failed read is not kept: the next request tries the database again.
  loaded.snapshot.catch(() => {
    if (current.loaded === loaded) current.loaded = undefined;
  });
  return loaded;
}

async function compareFingerprint(current: State) {
  const loaded = current.loaded;
  if (!loaded?.fingerprint) return;
  const fingerprint = await readCatalogFingerprint().catch(() => null);
  if (current.loaded === loaded && fingerprint !== loaded.fingerprint) current.loaded = undefined;
}

/**
 * Drops the snapshot if the catalog's fingerprint moved since it was read (or cannot be read).
 * Runs every POLL_MS; exported so that tests can run a poll without waiting for one. A call
 * while a poll is under way runs after it, so it always compares a fingerprint read after the call.
 */
export function checkCatalogFingerprint(): Promise<void> {
  const current = state();
  const run = (current.polling ?? Promise.resolve()).then(() => compareFingerprint(current));
  current.polling = run;
  void run.finally(() => {
    if (current.polling === run) current.polling = undefined;
  });
  return run;
}

/** The published catalog, from memory while no change has been seen. */
export function catalogSnapshot(): Promise<CatalogSnapshot> {
  const current = state();
  // A slow database gets one poll at a time, not a queue of them.
  current.poller ??= setInterval(() => {
    if (!current.polling) void checkCatalogFingerprint();
  }, POLL_MS).unref();
  current.loaded ??= load(current);
  return current.loaded.snapshot;
}

/**
 * A published item by slug from the snapshot, or null (unknown and unpublished alike). A slug the
 * snapshot lacks may have been published by another process since its last poll: it is read from
 * the database before the answer is "not found" (lib/catalog/missed-slugs.ts bounds those reads).
 */
export async function snapshotItemBySlug(slug: string): Promise<CatalogItemWithFiles | null> {
  const known = (await catalogSnapshot()).bySlug.get(slug);
  if (known) return known;
  const published = await readMissedSlug(slug, getPublishedItemBySlug);
  // This copy is behind the database: the next request reads it again, as after a studio change.
  if (published) catalogChanged();
  return published;
}

/** A creator's discount code from the snapshot, or null. */
export async function snapshotDiscountRule({ creatorId, code }: { creatorId: string; code: string }): Promise<DiscountRule | null> {
  return (await catalogSnapshot()).discountRules.get(`${creatorId}:${code}`) ?? null;
}

/**
 * Called after every studio change that can alter the published catalog: the next request reads
 * the database. A read already under way began before the change and is dropped with its copy.
 */
export function catalogChanged() {
  state().loaded = undefined;
}
