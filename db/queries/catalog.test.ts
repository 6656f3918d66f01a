import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { buffer } from "node:stream/consumers";
import { after, before, describe, it } from "node:test";
import { eq, sql } from "drizzle-orm";
import { type CatalogQuery, type CatalogSort, parseCatalogParams } from "@/lib/catalog/browse";
import { DEMO_CATALOG } from "@/lib/demo/catalog";
import { CREATORS } from "@/lib/devnet/accounts";
import { openTestDatabase } from "@/lib/testing/test-database";
import { creators, itemFiles, items, payments, refunds } from "../schema";
import { type CatalogItem, browseCatalog, countItemSales, getCreatorByHandle, getPublishedItemBySlug, getPublishedItems, getPublishedItemsWithFiles } from "./catalog";

describe("catalog queries on the seeded demo catalog", () => {
  let test: Awaited<ReturnType<typeof openTestDatabase>>;
  before(async () => {
    test = await openTestDatabase({ seed: true });
  });
  after(() => test.close());

  it("lists every published demo item, all four kinds", async () => {
    const published = await getPublishedItems();
    assert.equal(published.length, DEMO_CATALOG.flatMap((creator) => creator.items).length);
    assert.deepEqual(new Set(published.map((item) => item.kind)), new Set(["ebook", "music", "course", "bundle"]));
  });

  it("filters by kind and by creator", async () => {
    const courses = await getPublishedItems({ kind: "course" });
    assert.ok(courses.length >= 2);
    assert.ok(courses.every((item) => item.kind === "course"));
    const creator = await getCreatorByHandle({ handle: "lofi-lattice" });
    assert.ok(creator);
    const byCreator = await getPublishedItems({ creatorId: creator.id });
    assert.ok(byCreator.length === 3 && byCreator.every((item) => item.kind === "music"));
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

describe("browsing the catalog: search, filters, sorts and keyset pages", () => {
  let test: Awaited<ReturnType<typeof openTestDatabase>>;
  // 61 more published items: prices repeat (ties broken by slug), and timestamps differ by single
  // microseconds, which a cursor through a JS Date (milliseconds) would lose.
  const COUNT = 61;
  before(async () => {
    test = await openTestDatabase({ seed: true });
    const [creator] = await test.db.select().from(creators).where(eq(creators.handle, "ada-quill"));
    for (let index = 0; index < COUNT; index++) {
      await test.db.insert(items).values({
        slug: `bulk-${String(index).padStart(2, "0")}`,
        creatorId: creator.id,
        kind: (["ebook", "music", "course"] as const)[index % 3],
        title: index === 7 ? "100% pure_sound" : `Bulk item ${index}`,
        description: index === 9 ? "Has the word zebra inside." : "Made in bulk.",
        priceAtomic: BigInt(((index * 7) % 10) + 1) * 250_000n,
        published: index !== 60,
        createdAt: sql`'2026-01-01T00:00:00.000001Z'::timestamptz + ${Math.floor(index / 2)} * interval '1 microsecond'`,
      });
    }
  });
  after(() => test.close());

  /** Every page forward from the first, then every page back from the last. */
  async function walk(query: CatalogQuery, pageSize: number) {
    const forward: CatalogItem[][] = [];
    let page = await browseCatalog({ ...query, pageSize });
    assert.equal(page.previous, null);
    forward.push(page.items);
    while (page.next) {
      page = await browseCatalog({ ...query, pageSize, start: { direction: "after", cursor: page.next } });
      forward.push(page.items);
    }
    const backward: CatalogItem[][] = [page.items];
    while (page.previous) {
      page = await browseCatalog({ ...query, pageSize, start: { direction: "before", cursor: page.previous } });
      backward.unshift(page.items);
    }
    return { forward: forward.map((items) => items.map((item) => item.slug)), backward: backward.map((items) => items.map((item) => item.slug)) };
  }

  const query = (sort: CatalogSort, filter: Partial<CatalogQuery> = {}): CatalogQuery => ({ words: [], sort, ...filter });

  for (const sort of ["newest", "price-asc", "price-desc"] as const) {
    it(`pages through every published item exactly once, both ways, sorted ${sort}`, async () => {
      const all = (await browseCatalog({ ...query(sort), pageSize: 1000 })).items;
      assert.equal(all.length, DEMO_CATALOG.flatMap((creator) => creator.items).length + COUNT - 1);
      const { forward, backward } = await walk(query(sort), 7);
      assert.deepEqual(forward.flat(), all.map((item) => item.slug));
      assert.deepEqual(backward, forward);
      assert.ok(forward.slice(0, -1).every((page) => page.length === 7));
      const keys = all.map((item) => (sort === "newest" ? item.createdAt.getTime() : Number(item.priceAtomic)));
      const sorted = [...keys].sort((a, b) => (sort === "price-asc" ? a - b : b - a));
      assert.deepEqual(keys, sorted);
    });
  }

  it("orders the newest first to the microsecond, ties by slug", async () => {
    const { items: page } = await browseCatalog({ ...query("newest", { words: ["bulk"] }), pageSize: 4 });
    assert.deepEqual(page.map((item) => item.slug), ["bulk-58", "bulk-59", "bulk-56", "bulk-57"]);
  });

  it("searches title, description and creator name, every word, case-insensitively, with % and _ taken literally", async () => {
    const slugs = async (words: string[]) => (await browseCatalog({ ...query("newest", { words }), pageSize: 100 })).items.map((item) => item.slug);
    assert.deepEqual(await slugs(["ZEBRA"]), ["bulk-09"]);
    assert.deepEqual(await slugs(["100%"]), ["bulk-07"]);
    assert.deepEqual(await slugs(["pure_"]), ["bulk-07"]);
    assert.deepEqual(await slugs(["%"]), ["bulk-07"]);
    assert.deepEqual(await slugs(["_"]), ["bulk-07"]);
    assert.equal((await slugs(["lattice"])).length, DEMO_CATALOG.find((creator) => creator.handle === "lofi-lattice")!.items.length);
    assert.deepEqual(await slugs(["lattice", "midnight"]), ["midnight-blocks"]);
    assert.deepEqual(await slugs(["no-such-word"]), []);
  });

  it("filters by kind, price range and creator together", async () => {
    const creator = await getCreatorByHandle({ handle: "ada-quill" });
    assert.ok(creator);
    const page = await browseCatalog({ ...query("price-asc", { kind: "music", minPriceAtomic: 500_000n, maxPriceAtomic: 1_000_000n }), creatorId: creator.id, pageSize: 100 });
    assert.ok(page.items.length > 3);
    for (const item of page.items) {
      assert.equal(item.kind, "music");
      assert.equal(item.creatorId, creator.id);
      assert.ok(item.priceAtomic >= 500_000n && item.priceAtomic <= 1_000_000n);
    }
  });

  it("a kind with a price range gives the same items in every sort as filtering the whole catalog (the per-kind indexes)", async () => {
    const all = (await browseCatalog({ ...query("newest"), pageSize: 1000 })).items;
    for (const analyzed of [false, true]) {
      // With and without statistics: the planner picks other plans (and indexes) for each.
      if (analyzed) await test.db.execute(sql`analyze`);
      for (const sort of ["newest", "price-asc", "price-desc"] as const) {
        for (const kind of ["ebook", "music", "course"] as const) {
          const filter = { kind, minPriceAtomic: 500_000n, maxPriceAtomic: 1_750_000n };
          const { forward } = await walk(query(sort, filter), 3);
          const expected = all.filter((item) => item.kind === kind && item.priceAtomic >= filter.minPriceAtomic && item.priceAtomic <= filter.maxPriceAtomic);
          assert.ok(expected.length > 3);
          assert.deepEqual(new Set(forward.flat()), new Set(expected.map((item) => item.slug)), `${kind} sorted ${sort}, analyzed: ${analyzed}`);
          assert.equal(forward.flat().length, expected.length);
        }
      }
    }
  });

  it("a cursor past the end gives an empty page that leads back", async () => {
    const page = await browseCatalog({ ...query("price-asc"), pageSize: 5, start: { direction: "after", cursor: { sort: "price-asc", key: "999999999999", slug: "zzz" } } });
    assert.deepEqual(page.items, []);
    assert.equal(page.next, null);
    assert.ok(page.previous);
  });

  it("counts settled sales with no refund, and nothing else", async () => {
    const item = await getPublishedItemBySlug({ slug: "bulk-01" });
    assert.ok(item);
    const pay = (nonce: number, status: "pending" | "settled" | "failed") =>
      test.db
        .insert(payments)
        .values({ itemId: item.id, payer: CREATORS[0].address, payTo: CREATORS[1].address, amountAtomic: 1n, asset: "0xA", network: "eip155:31337", nonce: `0x${nonce}`, status })
        .returning();
    assert.equal(await countItemSales({ itemId: item.id }), 0);
    await pay(1, "settled");
    await pay(2, "settled");
    await pay(3, "pending");
    await pay(4, "failed");
    const [refunded] = await pay(5, "settled");
    await test.db.insert(refunds).values({ paymentId: refunded.id, amountAtomic: 1n, transactionHash: `0x${"12".repeat(32)}` });
    assert.equal(await countItemSales({ itemId: item.id }), 2);
  });

  it("reads URL parameters into a query, falling back to defaults on anything malformed", () => {
    assert.deepEqual(parseCatalogParams({}).query, { words: [], kind: undefined, minPriceAtomic: undefined, maxPriceAtomic: undefined, sort: "newest", start: undefined });
    const state = parseCatalogParams({ q: "  typed   data ", kind: "course", min: "$1", max: "2.50", sort: "price-desc" });
    assert.deepEqual(state.query, { words: ["typed", "data"], kind: "course", minPriceAtomic: 1_000_000n, maxPriceAtomic: 2_500_000n, sort: "price-desc", start: undefined });
    const junk = parseCatalogParams({ q: "x".repeat(500), kind: "video", min: "-1", max: "1e9", sort: "random", after: "not-a-cursor", before: "%%%" });
    assert.deepEqual(junk.query, { words: [], kind: undefined, minPriceAtomic: undefined, maxPriceAtomic: undefined, sort: "newest", start: undefined });
    assert.equal(parseCatalogParams({ max: "9".repeat(90) }).query.maxPriceAtomic, undefined);
    assert.deepEqual(parseCatalogParams({ kind: ["music", "ebook"] }).query.kind, "music");
  });
});
