import { type ItemDayCounts, addItemDayCounts } from "@/db/queries/analytics";
import { getEnv } from "@/lib/env";
import { onShutdown } from "@/lib/shutdown";

type Counter = { pageViews: number; offersServed: number };

type Counters = {
  /** Counts not yet in the database, by item id and UTC day. */
  pending: Map<string, ItemDayCounts>;
  timer?: ReturnType<typeof setTimeout>;
  flushing: Promise<void>;
  shutdownHooked: boolean;
};

// One set of counters per process, shared by every copy of this module Next.js bundles.
const SLOT = Symbol.for("storefront.item-counters");
const slot = globalThis as { [SLOT]?: Counters };

function counters(): Counters {
  slot[SLOT] ??= { pending: new Map(), flushing: Promise.resolve(), shutdownHooked: false };
  return slot[SLOT];
}

/**
 * Page views and 402s per item are counted here, in memory, and added to the database every
 * ANALYTICS_FLUSH_MS in one statement: the item page and the unpaid 402 stay free of database
 * writes (the hot path, issue 14). What this trades: a crash or a kill -9 loses the counts of the
 * last interval (at most ANALYTICS_FLUSH_MS, 10 s by default); a clean stop flushes them.
 * Several server processes each add their own counts, so the rows are their sum.
 */
function count(itemId: string, field: keyof Counter) {
  const state = counters();
  const day = new Date().toISOString().slice(0, 10);
  const key = `${itemId}:${day}`;
  let entry = state.pending.get(key);
  if (!entry) state.pending.set(key, (entry = { itemId, day, pageViews: 0, offersServed: 0 }));
  entry[field]++;
  schedule(state);
}

export function countPageView(itemId: string) {
  count(itemId, "pageViews");
}

export function countOfferServed(itemId: string) {
  count(itemId, "offersServed");
}

function schedule(state: Counters) {
  if (!state.shutdownHooked) {
    state.shutdownHooked = true;
    onShutdown(() => flushItemCounters());
  }
  state.timer ??= setTimeout(() => {
    state.timer = undefined;
    // A failed flush keeps its counts for the next one.
    void flushItemCounters().catch(() => schedule(state));
  }, getEnv().ANALYTICS_FLUSH_MS).unref();
}

/** Adds what was counted since the last flush to the database (also run by the timer and at shutdown). */
export function flushItemCounters(): Promise<void> {
  const state = counters();
  const run = state.flushing.catch(() => {}).then(async () => {
    const batch = [...state.pending.values()];
    state.pending.clear();
    try {
      await addItemDayCounts(batch);
    } catch (error) {
      // Not added: put back, merged with what was counted meanwhile.
      for (const lost of batch) {
        const key = `${lost.itemId}:${lost.day}`;
        const entry = state.pending.get(key);
        if (entry) {
          entry.pageViews += lost.pageViews;
          entry.offersServed += lost.offersServed;
        } else state.pending.set(key, lost);
      }
      throw error;
    }
  });
  state.flushing = run;
  return run;
}
