// Unpaid traffic (what agents send far more often than payments) beside a constant JSON route on
// the same server: the ratio is how close the store comes to what the framework itself allows.
import type { DevnetFile } from "@/lib/devnet/devnet-file";
import { publishCatalogUpTo } from "./catalog-items";
import type { GoalRow } from "./goals";
import { printTable } from "./table";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONCURRENCY = 32;
const GOAL_RATIO = 0.8;
/** The /api/catalog row lists a full catalog of this many published items (the measure). */
const CATALOG_ITEMS = 50;

/** Requests per second for `REQUESTS` GETs of `url` over `CONCURRENCY` connections. */
export async function throughput(url: string, expectedStatus: number, requests = REQUESTS): Promise<number> {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < requests) {
      next++;
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status !== expectedStatus) throw new Error(`${url} answered ${response.status}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return requests / ((performance.now() - started) / 1000);
}

export async function benchThroughput(store: { url: string; devnet: DevnetFile }): Promise<GoalRow[]> {
  const constantUrl = `${store.url}/api/health/live`;
  const unpaidUrl = `${store.url}/api/download/midnight-blocks`;
  const catalogUrl = `${store.url}/api/catalog`;
  const listed = await publishCatalogUpTo(store.url, CATALOG_ITEMS);
  if (listed !== CATALOG_ITEMS) throw new Error(`the catalog lists ${listed} items, not ${CATALOG_ITEMS}`);
  // Warm-up: compile routes, open the database, fill caches.
  for (const [url, status] of [[constantUrl, 200], [unpaidUrl, 402], [catalogUrl, 200]] as const) await throughput(url, status, 200);

  // The baseline is measured before and after the others, and averaged: a machine whose load
  // drifts during the run then moves both sides of each ratio alike.
  const constantBefore = await throughput(constantUrl, 200);
  const unpaid = await throughput(unpaidUrl, 402);
  const catalog = await throughput(catalogUrl, 200);
  const constant = (constantBefore + (await throughput(constantUrl, 200))) / 2;
  const [unpaidRatio, catalogRatio] = [unpaid / constant, catalog / constant];

  console.log(`\n${REQUESTS} requests at concurrency ${CONCURRENCY}, rate limits lifted\n`);
  printTable([
    ["case", "req/s", "ratio"],
    ["constant JSON route (GET /api/health/live)", constant.toFixed(0), "1.00"],
    ["unpaid 402 (GET /api/download/…)", unpaid.toFixed(0), unpaidRatio.toFixed(2)],
    [`GET /api/catalog (${CATALOG_ITEMS} items)`, catalog.toFixed(0), catalogRatio.toFixed(2)],
  ]);
  const baseline = `constant JSON route ${constant.toFixed(0)} req/s`;
  return [
    { measure: "unpaid 402 req/s", baseline, result: `${unpaid.toFixed(0)} req/s`, ratio: unpaidRatio, goal: `≥ ${GOAL_RATIO}×`, met: unpaidRatio >= GOAL_RATIO },
    { measure: `/api/catalog req/s (${CATALOG_ITEMS} items)`, baseline, result: `${catalog.toFixed(0)} req/s`, ratio: catalogRatio, goal: `≥ ${GOAL_RATIO}×`, met: catalogRatio >= GOAL_RATIO },
  ];
}
