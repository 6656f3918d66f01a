import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { creators, itemFiles, items } from "@/db/schema";
import { openTestDatabase } from "@/lib/testing/test-database";
import { catalogChanged, catalogSnapshot, checkCatalogFingerprint, snapshotItemBySlug } from "./snapshot";

describe("the published-catalog snapshot", () => {
  let test: Awaited<ReturnType<typeof openTestDatabase>>;
  before(async () => {
    test = await openTestDatabase({ seed: true });
    catalogChanged();
  });
  after(() => test.close());

  it("serves from memory until catalogChanged(): this process's studio changes show at once", async () => {
    const first = await catalogSnapshot();
    assert.equal(await catalogSnapshot(), first);
    const item = first.items[0];
    await test.db.update(items).set({ priceAtomic: item.priceAtomic + 1n }).where(eq(items.id, item.id));
    catalogChanged();
    assert.equal((await snapshotItemBySlug(item.slug))?.priceAtomic, item.priceAtomic + 1n);
  });

  it("a write that bypassed this process (another process, SQL) is seen at the next fingerprint poll: price, unpublish, file, payTo", async () => {
    const changes: [string, () => Promise<unknown>, (snapshot: Awaited<ReturnType<typeof catalogSnapshot>>) => boolean][] = [];
    const base = await catalogSnapshot();
    const [priced, hidden, filed] = base.items;
    changes.push(
      ["price", () => test.db.update(items).set({ priceAtomic: 7n }).where(eq(items.id, priced.id)), (s) => s.bySlug.get(priced.slug)?.priceAtomic === 7n],
      ["unpublish", () => test.db.update(items).set({ published: false }).where(eq(items.id, hidden.id)), (s) => !s.bySlug.has(hidden.slug)],
      ["file deleted", () => test.db.delete(itemFiles).where(eq(itemFiles.id, filed.files.at(-1)!.id)), (s) => s.bySlug.get(filed.slug)?.files.length === filed.files.length - 1],
      [
        "creator payTo",
        () => test.db.update(creators).set({ payoutAddress: "0x000000000000000000000000000000000000dEaD" }).where(eq(creators.id, priced.creatorId)),
        (s) => s.items.some((item) => item.creator.payoutAddress === "0x000000000000000000000000000000000000dEaD"),
      ],
    );
    for (const [name, change, seen] of changes) {
      await catalogSnapshot();
      await change();
      await checkCatalogFingerprint();
      assert.ok(seen(await catalogSnapshot()), `${name}: seen after one poll`);
    }
  });

  it("a poll with nothing changed keeps the copy", async () => {
    const before = await catalogSnapshot();
    await checkCatalogFingerprint();
    assert.equal(await catalogSnapshot(), before);
  });
});
