import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { rateLimitWindows } from "@/db/schema";
import { openTestDatabase } from "@/lib/testing/test-database";
import { batchedRateLimitStore } from "./batched-store";
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
    for (const store of [memoryRateLimitStore(), batchedRateLimitStore()]) {
      assert.equal((await store.peek("unpaid:10.0.0.3", 60_000, now)).count, 0);
      await hits(store, "unpaid:10.0.0.3", 2, now);
      assert.equal((await store.peek("unpaid:10.0.0.3", 60_000, now)).count, 2);
      assert.equal((await store.peek("unpaid:10.0.0.3", 60_000, now)).count, 2);
      assert.equal((await store.peek("unpaid:10.0.0.3", 60_000, now + 60_000)).count, 0);
    }
  });

  it("database: two server processes (two stores on one database) count against one allowance, each seeing the other's hits after a flush", async () => {
    const [first, second] = [batchedRateLimitStore(), batchedRateLimitStore()];
    const now = 1_800_000_000_000;
    assert.deepEqual(await hits(first, "sign-in:10.0.0.9", 2, now), [1, 2]);
    assert.equal((await second.peek("sign-in:10.0.0.9", 60_000, now)).count, 0, "not flushed yet");
    await first.flush(now);
    await second.flush(now);
    assert.deepEqual(await hits(second, "sign-in:10.0.0.9", 2, now), [3, 4]);
    await second.flush(now);
    // A request to the first process marks the window; its next flush reads the shared count.
    assert.equal((await first.peek("sign-in:10.0.0.9", 60_000, now)).count, 2);
    await first.flush(now);
    assert.equal((await first.peek("sign-in:10.0.0.9", 60_000, now)).count, 4);
    const next = await second.hit("sign-in:10.0.0.9", 60_000, now + 60_000);
    assert.equal(next.count, 1);
    assert.equal(next.resetAt % 60_000, 0);
  });

  it("database: a hit writes nothing until the flush, which adds a batch of hits in one go", async () => {
    await database.db.delete(rateLimitWindows);
    const store = batchedRateLimitStore();
    const now = 1_800_000_000_000;
    await hits(store, "unpaid:10.0.0.20", 5, now);
    await hits(store, "unpaid:10.0.0.21", 3, now);
    assert.deepEqual(await database.db.select().from(rateLimitWindows), []);
    await store.flush(now);
    const rows = await database.db.select({ key: rateLimitWindows.key, count: rateLimitWindows.count }).from(rateLimitWindows);
    assert.deepEqual(rows.sort((a, b) => a.key.localeCompare(b.key)), [
      { key: "unpaid:10.0.0.20", count: 5 },
      { key: "unpaid:10.0.0.21", count: 3 },
    ]);
    await store.flush(now);
    assert.equal((await store.peek("unpaid:10.0.0.20", 60_000, now)).count, 5, "a flush with nothing new adds nothing");
  });
});
