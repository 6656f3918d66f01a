import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { getItemFunnels } from "@/db/queries/analytics";
import { itemDailyStats, items } from "@/db/schema";
import { openTestDatabase } from "@/lib/testing/test-database";
import { countOfferServed, countPageView, flushItemCounters } from "./item-counters";

describe("item counters", () => {
  let test: Awaited<ReturnType<typeof openTestDatabase>>;
  before(async () => {
    test = await openTestDatabase({ seed: true });
  });
  after(() => test.close());

  const statsOf = (itemId: string) => test.db.select().from(itemDailyStats).where(eq(itemDailyStats.itemId, itemId));

  it("writes nothing until a flush, then adds every count in one go; a later flush adds to the same day", async () => {
    const [item] = await test.db.select().from(items).limit(1);
    for (let i = 0; i < 3; i++) countPageView(item.id);
    countOfferServed(item.id);
    assert.deepEqual(await statsOf(item.id), []);

    await flushItemCounters();
    const today = new Date().toISOString().slice(0, 10);
    assert.deepEqual(await statsOf(item.id), [{ itemId: item.id, day: today, pageViews: 3, offersServed: 1 }]);

    countPageView(item.id);
    countOfferServed(item.id);
    countOfferServed(item.id);
    await flushItemCounters();
    assert.deepEqual(await statsOf(item.id), [{ itemId: item.id, day: today, pageViews: 4, offersServed: 3 }]);
    const funnel = (await getItemFunnels({ creatorId: item.creatorId, since: today })).get(item.id);
    assert.deepEqual(funnel, { itemId: item.id, pageViews: 4, offersServed: 3, paidDownloads: 0 });
  });

  it("skips an item deleted before the flush and still adds the others", async () => {
    const [kept, doomed] = await test.db.select().from(items).limit(2).offset(2);
    countPageView(kept.id);
    countPageView(doomed.id);
    await test.db.delete(items).where(eq(items.id, doomed.id));
    await flushItemCounters();
    assert.equal((await statsOf(kept.id))[0]?.pageViews, 1);
    assert.deepEqual(await statsOf(doomed.id), []);
  });
});
