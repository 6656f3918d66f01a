import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { buffer } from "node:stream/consumers";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { DEMO_CATALOG } from "@/lib/demo/catalog";
import { CREATORS } from "@/lib/devnet/accounts";
import { openTestDatabase } from "@/lib/testing/test-database";
import { itemFiles, items, payments } from "../schema";
import { getCreatorByHandle, getPublishedItemBySlug, getPublishedItems, getPublishedItemsWithFiles } from "./catalog";

describe("catalog queries on the seeded demo catalog", () => {
  let test: Awaited<ReturnType<typeof openTestDatabase>>;
  before(async () => {
    test = await openTestDatabase({ seed: true });
  });
  after(() => test.close());

  it("lists every published demo item, all three kinds", async () => {
    const published = await getPublishedItems();
    assert.equal(published.length, DEMO_CATALOG.flatMap((creator) => creator.items).length);
    assert.deepEqual(new Set(published.map((item) => item.kind)), new Set(["ebook", "music", "course"]));
  });

  it("filters by kind and by creator", async () => {
    const courses = await getPublishedItems({ kind: "course" });
    assert.ok(courses.length >= 2);
    assert.ok(courses.every((item) => item.kind === "course"));
    const creator = await getCreatorByHandle({ handle: "lofi-lattice" });
    assert.ok(creator);
    const byCreator = await getPublishedItems({ creatorId: creator.id });
    assert.deepEqual(byCreator.map((item) => item.kind), ["music", "music"]);
  });

  it("keeps prices as exact bigints", async () => {
    const item = await getPublishedItemBySlug({ slug: "the-gasless-economy" });
    assert.equal(item?.priceAtomic, 2_500_000n);
    assert.equal(typeof item?.priceAtomic, "bigint");
  });

  it("returns files in order with sizes and hashes that match the stored bytes", async () => {
    const course = await getPublishedItemBySlug({ slug: "typed-data-from-scratch" });
    assert.ok(course);
    assert.deepEqual(course.files.map((file) => file.position), [0, 1, 2, 3]);
    assert.equal(course.files.filter((file) => file.isPreview).length, 1);
    for (const file of course.files) {
      const bytes = await buffer(await test.storage.read(file.storageKey));
      assert.equal(bytes.length, file.sizeBytes);
      assert.equal(createHash("sha256").update(bytes).digest("hex"), file.sha256);
    }
  });

  it("pays each creator at their own checksummed wallet", async () => {
    const all = await getPublishedItemsWithFiles();
    const payouts = new Set(all.map((item) => item.creator.payoutAddress));
    assert.deepEqual(payouts, new Set(CREATORS.map((creator) => creator.address)));
  });

  it("hides unpublished and unknown items", async () => {
    await test.db.update(items).set({ published: false }).where(eq(items.slug, "midnight-blocks"));
    assert.equal(await getPublishedItemBySlug({ slug: "midnight-blocks" }), null);
    assert.equal(await getPublishedItemBySlug({ slug: "no-such-item" }), null);
    assert.ok((await getPublishedItems()).every((item) => item.slug !== "midnight-blocks"));
    await test.db.update(items).set({ published: true }).where(eq(items.slug, "midnight-blocks"));
  });

  it("does not seed twice", async () => {
    const { seedDemoCatalog } = await import("../seed");
    const again = await seedDemoCatalog({ db: test.db, storage: test.storage, creatorWallets: CREATORS.map((c) => c.address) });
    assert.equal(again.seeded, false);
  });
});

describe("schema invariants", () => {
  let test: Awaited<ReturnType<typeof openTestDatabase>>;
  before(async () => {
    test = await openTestDatabase({ seed: true });
  });
  after(() => test.close());

  const payment = (itemId: string, nonce: string) => ({
    itemId,
    payer: CREATORS[0].address,
    payTo: CREATORS[1].address,
    amountAtomic: 1_000_000n,
    asset: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
    network: "eip155:31337",
    nonce,
  });

  it("allows one payment per (network, asset, payer, nonce)", async () => {
    const item = await getPublishedItemBySlug({ slug: "the-gasless-economy" });
    assert.ok(item);
    const nonce = `0x${"ab".repeat(32)}`;
    await test.db.insert(payments).values(payment(item.id, nonce));
    await assert.rejects(test.db.insert(payments).values(payment(item.id, nonce)));
    await test.db.insert(payments).values(payment(item.id, `0x${"cd".repeat(32)}`));
  });

  it("refuses a zero or negative price", async () => {
    const item = await getPublishedItemBySlug({ slug: "the-gasless-economy" });
    assert.ok(item);
    await assert.rejects(test.db.update(items).set({ priceAtomic: 0n }).where(eq(items.id, item.id)));
    await assert.rejects(test.db.update(items).set({ priceAtomic: -1n }).where(eq(items.id, item.id)));
  });

  it("allows at most one free preview per item", async () => {
    const item = await getPublishedItemBySlug({ slug: "the-gasless-economy" });
    assert.ok(item);
    await assert.rejects(
      test.db.insert(itemFiles).values({
        itemId: item.id,
        position: 9,
        fileName: "second-sample.pdf",
        mimeType: "application/pdf",
        sizeBytes: 1,
        sha256: "0".repeat(64),
        storageKey: "files/second-sample.pdf",
        isPreview: true,
      }),
    );
  });
});
