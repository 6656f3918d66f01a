// Unpaid traffic (what agents send far more often than payments) beside a constant JSON route on
// the same server: the ratio is how close the store comes to what the framework itself allows.
import type { DevnetFile } from "@/lib/devnet/devnet-file";
import type { GoalRow } from "./goals";
import { printTable } from "./table";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONCURRENCY = 32;
const GOAL_RATIO = 0.8;

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
  // Warm-up: compile routes, open the database, fill caches.
  for (const url of [constantUrl, unpaidUrl]) await throughput(url, url === unpaidUrl ? 402 : 200, 200);

  const constant = await throughput(constantUrl, 200);
  const unpaid = await throughput(unpaidUrl, 402);
  const ratio = unpaid / constant;

  console.log(`\n${REQUESTS} requests at concurrency ${CONCURRENCY}, rate limits lifted\n`);
  printTable([
    ["case", "req/s", "ratio"],
    ["constant JSON route (GET /api/health/live)", constant.toFixed(0), "1.00"],
    ["unpaid 402 (GET /api/download/…)", unpaid.toFixed(0), ratio.toFixed(2)],
  ]);
  return [
    { measure: "unpaid 402 req/s", baseline: `constant JSON route ${constant.toFixed(0)} req/s`, result: `${unpaid.toFixed(0)} req/s`, ratio, goal: `≥ ${GOAL_RATIO}×`, met: ratio >= GOAL_RATIO },
  ];
}
