import path from "node:path";
import { SECOND_FACILITATOR } from "../lib/devnet/accounts";
import { readDevnetFile } from "../lib/devnet/devnet-file";
import { type IsolatedDatabase, isolatedDatabase } from "../lib/testing/isolated-database";
import { type StartedStore, startStore, stopStore } from "../lib/testing/store-process";
import { expect, test } from "./fixtures";

const UNPAID_PER_MINUTE = 6;
const LIMITS = { RATE_LIMIT_STORE: "database", RATE_LIMIT_UNPAID_PER_MINUTE: String(UNPAID_PER_MINUTE), RATE_LIMIT_SIGN_IN_PER_MINUTE: "1000000", RATE_LIMIT_UPLOADS_PER_HOUR: "1000000" };

/** The database counts in windows aligned to the minute: start a burst well inside one. */
async function awayFromMinuteEdge() {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 15_000) await new Promise((resolve) => setTimeout(resolve, left + 100));
}

// Two real server processes on one database of their own, as a deployment behind a load balancer
// runs: one chain, one storage folder, each its own gas wallet.
test.describe("RATE_LIMIT_STORE=database: two server processes share one allowance", () => {
  test.skip(!process.env.DATABASE_URL, "two processes on one database need PostgreSQL (PGlite is one process per data folder): runs in the PostgreSQL pass");
  let database: IsolatedDatabase;
  let first: StartedStore;
  let second: StartedStore;

  test.beforeAll(async ({}, testInfo) => {
    testInfo.setTimeout(180_000);
    database = await isolatedDatabase();
    first = await startStore({ ...LIMITS, DATABASE_URL: database.url });
    second = await startStore({
      ...LIMITS,
      DATABASE_URL: database.url,
      RPC_URL: readDevnetFile(first.dataDir).rpcUrl,
      STORAGE_DIR: path.join(first.dataDir, "files"),
      FACILITATOR_PRIVATE_KEY: SECOND_FACILITATOR.privateKey,
    });
  });
  test.afterAll(async () => {
    await stopStore(second);
    await stopStore(first);
    await database.drop();
  });

  test("unpaid requests to either process count against one allowance: past it, both answer 429 within a flush interval", async () => {
    const urls = [first.url, second.url].map((origin) => `${origin}/api/download/midnight-blocks`);
    await awayFromMinuteEdge();
    const statuses: number[] = [];
    // Alternating: each process sees half the allowance; in memory each would allow all of it.
    for (let index = 0; index < UNPAID_PER_MINUTE; index++) statuses.push((await fetch(urls[index % 2])).status);
    expect(statuses).toEqual(Array(UNPAID_PER_MINUTE).fill(402));
    // Each process counts in memory and adds its hits to the shared rows once a second
    // (lib/abuse/batched-store.ts): within about one flush interval both know the allowance is used.
    for (const url of urls) {
      await expect.poll(async () => (await fetch(url)).status, { timeout: 5_000, intervals: [250] }).toBe(429);
      const limited = await fetch(url);
      expect([limited.status, (await limited.json()).error], url).toEqual([429, "rate_limited"]);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    }
  });
});
