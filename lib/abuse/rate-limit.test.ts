import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { databaseRateLimitStore } from "@/db/queries/rate-limits";
import { openTestDatabase } from "@/lib/testing/test-database";
import { type RateLimitStore, memoryRateLimitStore } from "./rate-limit";

async function hits(store: RateLimitStore, key: string, times: number, now: number) {
  const counts: number[] = [];
  for (let index = 0; index < times; index++) counts.push((await store.hit(key, 60_000, now)).count);
  return counts;
}

describe("rate-limit stores", () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  before(async () => {
    database = await openTestDatabase();
  });
  after(() => database.close());

  it("memory: counts per key within a window, and starts again in the next one", async () => {
    const store = memoryRateLimitStore();
    const now = 1_800_000_000_000;
    assert.deepEqual(await hits(store, "unpaid:10.0.0.1", 3, now), [1, 2, 3]);
    assert.deepEqual(await hits(store, "unpaid:10.0.0.2", 1, now), [1]);
    const later = await store.hit("unpaid:10.0.0.1", 60_000, now + 60_001);
    assert.equal(later.count, 1);
    assert.equal(later.resetAt, now + 60_001 + 60_000);
  });

  it("peeking reads a window without adding to it, in memory and in the database", async () => {
    const now = 1_800_000_000_000;
    for (const store of [memoryRateLimitStore(), databaseRateLimitStore()]) {
      assert.equal((await store.peek("unpaid:10.0.0.3", 60_000, now)).count, 0);
      await hits(store, "unpaid:10.0.0.3", 2, now);
      assert.equal((await store.peek("unpaid:10.0.0.3", 60_000, now)).count, 2);
      assert.equal((await store.peek("unpaid:10.0.0.3", 60_000, now)).count, 2);
      assert.equal((await store.peek("unpaid:10.0.0.3", 60_000, now + 60_000)).count, 0);
    }
  });

  it("database: two server processes (two stores on one database) count against one allowance", async () => {
    const [first, second] = [databaseRateLimitStore(), databaseRateLimitStore()];
    const now = 1_800_000_000_000;
    const counts = await Promise.all([...(await hits(first, "sign-in:10.0.0.9", 2, now)), ...(await hits(second, "sign-in:10.0.0.9", 2, now))]);
    assert.deepEqual(counts, [1, 2, 3, 4]);
    const next = await second.hit("sign-in:10.0.0.9", 60_000, now + 60_000);
    assert.equal(next.count, 1);
    assert.equal(next.resetAt % 60_000, 0);
  });
});
