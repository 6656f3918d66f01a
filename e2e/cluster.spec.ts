import { readFileSync, readdirSync } from "node:fs";
import type { DevnetFile } from "../lib/devnet/devnet-file";
import { type IsolatedDatabase, isolatedDatabase } from "../lib/testing/isolated-database";
import { NO_RATE_LIMITS, type StartedStore, isAlive, startStore, stopStore } from "../lib/testing/store-process";
import { createPayingFetch } from "../lib/x402/paying-fetch";
import { expect, test } from "./fixtures";
import { chainReader, fundFreshBuyers, paymentRequiredFrom } from "./support/chain";
import { type CreatorSession, createItem, publishedItem, samplePdf, signInCreator, uploadFile } from "./support/studio";

// WEB_CONCURRENCY=2: one start command, one port, a cluster primary and two server workers on one
// PostgreSQL database (its own, with its own chain and files). Which worker answers a request is
// not exposed; /proc shows the workers and how many bytes each wrote, which is enough to see both serve.

/** Direct children of `pid`, from /proc. */
function childrenOf(pid: number): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid ? [Number(entry)] : [];
      } catch {
        return [];
      }
    });
}

const commandOf = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
/** Bytes the process wrote (sockets included): grows with every response a worker sends. */
const bytesWritten = (pid: number) => Number(/^wchar: (\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, "utf8"))![1]);


test("WEB_CONCURRENCY=2 on PGlite is refused at start, with the reason", async () => {
  const refused = await startStore({ DATABASE_URL: "", WEB_CONCURRENCY: "2" }).then(
    async (store) => {
      await stopStore(store);
      return "";
    },
    (error: Error) => error.message,
  );
  expect(refused).toContain("WEB_CONCURRENCY=2 needs PostgreSQL (DATABASE_URL): the embedded PGlite database allows one process");
});

test.describe("two server processes behind one port (WEB_CONCURRENCY=2)", () => {
  test.skip(!process.env.DATABASE_URL, "needs PostgreSQL (the suite's second pass)");
  let database: IsolatedDatabase;
  let store: StartedStore;
  let devnet: DevnetFile;
  let creator: CreatorSession;
  let workers: number[];

  test.beforeAll(async ({}, testInfo) => {
    testInfo.setTimeout(180_000);
    database = await isolatedDatabase();
    store = await startStore({ ...NO_RATE_LIMITS, DATABASE_URL: database.url, WEB_CONCURRENCY: "2" });
    devnet = JSON.parse(readFileSync(`${store.dataDir}/devnet.json`, "utf8")) as DevnetFile;
    const [primary] = childrenOf(store.pid).filter((pid) => commandOf(pid).includes("scripts/serve.ts"));
    workers = childrenOf(primary);
    creator = await signInCreator(store.url);
  });
  test.afterAll(async () => {
    await creator?.api.dispose();
    if (store) await stopStore(store);
    await database?.drop();
  });

  test("the primary has two workers and both answer requests on the one port", async () => {
    expect(workers).toHaveLength(2);
    for (const worker of workers) expect(commandOf(worker)).toContain("scripts/serve.ts");
    const before = workers.map(bytesWritten);
    const statuses = await Promise.all(Array.from({ length: 200 }, () => fetch(`${store.url}/api/download/midnight-blocks`).then(async (response) => (await response.arrayBuffer(), response.status))));
    expect(new Set(statuses)).toEqual(new Set([402]));
    const grown = workers.map((worker, index) => bytesWritten(worker) - before[index]);
    // Each 402 is over 1 KB of head and body; a worker that answered none would have grown by a few hundred bytes at most.
    for (const bytes of grown) expect(bytes).toBeGreaterThan(20 * 1024);
  });

  test("a price changed in the studio through one request is what every 402 asks within a second, and a paid download settles at it", async () => {
    test.setTimeout(120_000);
    const { item } = await publishedItem(creator.api, { price: "1.25" });
    const url = `${store.url}/api/download/${item.slug}`;
    const amounts = async (count: number) =>
      new Set(
        await Promise.all(
          Array.from({ length: count }, async () => {
            const response = await fetch(url);
            await response.arrayBuffer();
            // A worker whose snapshot lacks the just-published item reads it from the database (lib/catalog/missed-slugs.ts).
            if (response.status !== 402) return `HTTP ${response.status}`;
            return paymentRequiredFrom(Object.fromEntries(response.headers)).accepts[0].amount;
          }),
        ),
      );
    await expect.poll(() => amounts(40), { timeout: 5_000, intervals: [250] }).toEqual(new Set(["1250000"]));

    const changed = await creator.api.patch(`/api/studio/items/${item.id}`, { data: { price: "2.50" } });
    expect(changed.status(), await changed.text()).toBe(200);
    const before = workers.map(bytesWritten);
    // The worker that made the change drops its catalog snapshot at once; the other sees the change
    // at its next once-a-second poll (SECURITY.md). Payments read the row itself, whatever the snapshot.
    await expect.poll(() => amounts(100), { timeout: 5_000, intervals: [250] }).toEqual(new Set(["2500000"]));
    for (const [index, worker] of workers.entries()) expect(bytesWritten(worker) - before[index]).toBeGreaterThan(20 * 1024);

    const chain = chainReader(devnet);
    const [buyer] = await fundFreshBuyers(devnet, 1, 10_000_000n);
    const payTo = creator.account.address;
    const creatorBefore = await chain.balanceOf(payTo);
    const response = await createPayingFetch({ signer: buyer, network: devnet.network, asset: devnet.usdc, maxAtomicPerPayment: 2_500_000n })(url);
    expect(response.status).toBe(200);
    await response.arrayBuffer();
    expect(await chain.balanceOf(buyer.address)).toBe(10_000_000n - 2_500_000n);
    expect(await chain.balanceOf(payTo)).toBe(creatorBefore + 2_500_000n);
  });

  test("an item just published through one worker is on sale at both at once: no worker answers 404 until its next poll", async () => {
    const item = await createItem(creator.api, { price: "0.75" });
    expect((await uploadFile(creator.api, item.id, "book.pdf", await samplePdf(item.title))).status()).toBe(201);
    const burst = async (slug: string) =>
      Promise.all(Array.from({ length: 100 }, () => fetch(`${store.url}/api/download/${slug}`).then(async (response) => (await response.arrayBuffer(), response.status))));
    // Both workers load their catalog snapshot now, with the draft unpublished in it.
    expect(new Set(await burst("midnight-blocks"))).toEqual(new Set([402]));
    const published = await creator.api.patch(`/api/studio/items/${item.id}`, { data: { published: true } });
    expect(published.status(), await published.text()).toBe(200);
    const before = workers.map(bytesWritten);
    // Straight after publishing: the worker that did not publish has not polled yet, and reads the slug it lacks.
    const statuses = await burst(item.slug);
    expect(statuses.filter((status) => status !== 402)).toEqual([]);
    for (const [index, worker] of workers.entries()) expect(bytesWritten(worker) - before[index]).toBeGreaterThan(20 * 1024);
  });

  test("SIGTERM to the start command stops the primary, every worker and anvil: no process is left", async () => {
    const everyone = [store.pid, ...childrenOf(store.pid), ...workers];
    expect(everyone.every(isAlive)).toBe(true);
    process.kill(store.pid, "SIGTERM");
    await expect.poll(() => everyone.filter(isAlive), { timeout: 20_000 }).toEqual([]);
  });
});
