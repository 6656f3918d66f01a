// The catalog page (`/`) with the demo's 6 items and with 10,000 published items, side by side:
// time to first byte should not grow with the catalog (keyset pages, indexes). The 10,000 items are
// seeded here, not by the demo: a copy of a stopped demo store's data folder gets the rows by
// INSERT … SELECT generate_series from this process (PGlite allows one process per folder), and
// both stores start.
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { openDatabase, pgliteDir } from "@/db/client";
import { items } from "@/db/schema";
import { NO_RATE_LIMITS, type StartedStore, startStore, stopStore } from "@/lib/testing/store-process";
import { percentile } from "./fresh-buyers";
import type { GoalRow } from "./goals";
import { printTable } from "./table";

const ITEMS = 10_000;
const SAMPLES = Number(process.env.BENCH_TTFB_SAMPLES ?? 50);
const GOAL_RATIO = 1.5;
const GOAL_MS = 100;

type Case = { name: string; path: (url: string) => Promise<string> };

const CASES: Case[] = [
  { name: "/ (newest, page 1)", path: async () => "/" },
  { name: "/?kind=ebook&sort=price-asc", path: async () => "/?kind=ebook&sort=price-asc" },
  // With the demo's 6 items there is no page 2: its baseline is page 1.
  { name: "/?after=… (page 2 by cursor)", path: (url) => nextPageOf(url, "/") },
  { name: "/?q=… (search)", path: async () => "/?q=sound" },
];

/** The href of the page's "Next" link; with only the demo's items there is none, so page 1 is measured. */
async function nextPageOf(url: string, page: string): Promise<string> {
  const html = await (await fetch(`${url}${page}`)).text();
  const href = /<a[^>]*rel="next"[^>]*href="([^"]+)"/.exec(html)?.[1] ?? /<a[^>]*href="([^"]+)"[^>]*rel="next"/.exec(html)?.[1];
  return href ? href.replaceAll("&amp;", "&") : page;
}

/** Milliseconds from sending the request to the first byte of the body, one request at a time. */
async function ttfb(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url);
  const reader = response.body!.getReader();
  await reader.read();
  const elapsed = performance.now() - started;
  while (!(await reader.read()).done);
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return elapsed;
}

/**
 * p50 per case for both stores, their requests alternating one by one: load from anything else on
 * the machine falls on both alike, so the ratio holds even when the absolute numbers drift.
 */
async function measure(smallUrl: string, largeUrl: string): Promise<{ small: Map<string, number>; large: Map<string, number> }> {
  const [small, large] = [new Map<string, number>(), new Map<string, number>()];
  // A fresh server's first renders run cold code: warm both up before the first case is timed.
  for (let warm = 0; warm < 30; warm++) for (const url of [smallUrl, largeUrl]) await ttfb(`${url}/`);
  for (const entry of CASES) {
    const targets = [`${smallUrl}${await entry.path(smallUrl)}`, `${largeUrl}${await entry.path(largeUrl)}`];
    for (let warm = 0; warm < 5; warm++) for (const target of targets) await ttfb(target);
    const samples: [number[], number[]] = [[], []];
    for (let sample = 0; sample < SAMPLES; sample++) for (const [index, target] of targets.entries()) samples[index].push(await ttfb(target));
    small.set(entry.name, percentile(samples[0], 50));
    large.set(entry.name, percentile(samples[1], 50));
  }
  return { small, large };
}

/**
 * Adds `count` published items (each with one file row, by the demo's creators in turn, one second
 * apart in age) to the store's stopped PGlite folder, migrated by the store's own migration code.
 */
async function seedItems(dataDir: string, count: number): Promise<number> {
  const database = openDatabase({ dataDir: pgliteDir(dataDir) });
  try {
    await database.migrate();
    await database.db.execute(sql`
      with numbered as (select id, row_number() over (order by handle) - 1 as position, count(*) over () as total from creators)
      insert into items (slug, creator_id, kind, title, description, price_atomic, published, created_at, updated_at)
      select 'bench-item-' || n,
        (select id from numbered where position = n % total),
        (array['ebook', 'music', 'course'])[1 + n % 3]::item_kind,
        'Bench item ' || n,
        'A generated item for the catalog-scale bench, number ' || n || '. Lorem ipsum dolor sit amet.',
        10000 + (n * 7919) % 5000000,
        true,
        now() - (n || ' seconds')::interval - interval '1 day',
        now()
      from generate_series(1, ${count}) as n`);
    await database.db.execute(sql`
      insert into item_files (item_id, position, file_name, mime_type, size_bytes, sha256, storage_key)
      select id, 0, slug || '.pdf', 'application/pdf', 1024, repeat('0', 64), 'bench/' || slug
      from items where slug like 'bench-item-%'`);
    const [row] = await database.db.select({ published: sql<number>`count(*)::int` }).from(items).where(eq(items.published, true));
    return row.published;
  } finally {
    await database.close();
  }
}

export async function benchCatalogScale(): Promise<GoalRow[]> {
  const [smallDir, largeDir] = [0, 1].map(() => mkdtempSync(path.join(tmpdir(), "storefront-catalog-scale-")));
  const stores: StartedStore[] = [];
  try {
    // One demo store made and stopped, then copied: the 10,000-item store is the same store plus the seeded rows.
    await stopStore(await startStore(NO_RATE_LIMITS, { dataDir: smallDir }), { keepDataDir: true });
    cpSync(smallDir, largeDir, { recursive: true });
    const started = performance.now();
    const published = await seedItems(largeDir, ITEMS - 6);
    const seededIn = (performance.now() - started) / 1000;
    for (const dataDir of [smallDir, largeDir]) stores.push(await startStore(NO_RATE_LIMITS, { dataDir }));
    const { small, large } = await measure(stores[0].url, stores[1].url);

    console.log(`\nCatalog page time to first byte, p50 of ${SAMPLES} sequential requests to each store, alternating (PGlite, production build);`);
    console.log(`${ITEMS - 6} items seeded by the bench in ${seededIn.toFixed(1)} s: ${published} published\n`);
    printTable([
      ["page", "6 items (ms)", `${ITEMS} items (ms)`, "ratio"],
      ...CASES.map(({ name }) => [name, small.get(name)!.toFixed(1), large.get(name)!.toFixed(1), (large.get(name)! / small.get(name)!).toFixed(2)]),
    ]);
    return CASES.slice(0, 3).map(({ name }) => {
      const [before, after] = [small.get(name)!, large.get(name)!];
      const ratio = after / before;
      return {
        measure: `catalog page ${name}, ${ITEMS} items, p50 TTFB`,
        baseline: `6 items ${before.toFixed(1)} ms`,
        result: `${after.toFixed(1)} ms`,
        ratio,
        goal: `≤ ${GOAL_RATIO}× and ≤ ${GOAL_MS} ms`,
        met: ratio <= GOAL_RATIO && after <= GOAL_MS,
      };
    });
  } finally {
    for (const store of stores) await stopStore(store, { keepDataDir: true });
    for (const dataDir of [smallDir, largeDir]) rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
  }
}
