import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CatalogItemWithFiles } from "@/db/queries/catalog";
import { CATALOG_API_DEFAULT_LIMIT, catalogApiPage, encodeApiCursor, readCatalogApiQuery } from "./catalog-api";
import type { CatalogSnapshot } from "./snapshot";

// Newest first, then by slug, as the snapshot keeps them; three items share one millisecond.
const T = 1_800_000_000_000;
const items = [
  { slug: "e", createdAt: new Date(T + 2) },
  { slug: "a", createdAt: new Date(T + 1) },
  { slug: "b", createdAt: new Date(T + 1) },
  { slug: "c", createdAt: new Date(T + 1) },
  { slug: "d", createdAt: new Date(T) },
] as CatalogItemWithFiles[];
const snapshot = (list = items): CatalogSnapshot => ({ items: list, bySlug: new Map(list.map((item) => [item.slug, item])), discountRules: new Map() });
const query = (search: string) => {
  const read = readCatalogApiQuery(new URL(`http://store.test/api/catalog${search}`));
  assert.ok(read.ok, search);
  return read.query;
};

describe("/api/catalog pages", () => {
  it("without parameters: one page of up to 100 and next null when it all fits", () => {
    assert.deepEqual(query(""), { limit: CATALOG_API_DEFAULT_LIMIT, after: null });
    const page = catalogApiPage(snapshot(), query(""));
    assert.deepEqual(page.items.map((item) => item.slug), ["e", "a", "b", "c", "d"]);
    assert.equal(page.next, null);
  });

  it("following next visits every item once, in order, also across items of one millisecond", () => {
    const seen: string[] = [];
    let search = "?limit=2";
    for (let pages = 0; pages < 10; pages++) {
      const page = catalogApiPage(snapshot(), query(search));
      seen.push(...page.items.map((item) => item.slug));
      if (!page.next) break;
      search = `?limit=2&cursor=${page.next}`;
    }
    assert.deepEqual(seen, ["e", "a", "b", "c", "d"]);
  });

  it("an item unpublished between two pages moves no other item across the boundary", () => {
    const first = catalogApiPage(snapshot(), query("?limit=2"));
    const without = snapshot(items.filter((item) => item.slug !== "a"));
    const second = catalogApiPage(without, query(`?limit=2&cursor=${first.next}`));
    assert.deepEqual(second.items.map((item) => item.slug), ["b", "c"]);
    assert.equal(first.next, encodeApiCursor(items[1]));
  });

  it("refuses a limit out of range and a cursor it did not give, each with its reason", () => {
    for (const search of ["?limit=0", "?limit=501", "?limit=ten", "?limit=-1", "?limit=2.5", "?limit="]) {
      assert.deepEqual(readCatalogApiQuery(new URL(`http://store.test/api/catalog${search}`)), { ok: false, reason: "invalid_limit" }, search);
    }
    const forged = Buffer.from(JSON.stringify({ slug: "a" })).toString("base64url");
    for (const search of ["?cursor=", "?cursor=%%%", `?cursor=${forged}`, `?cursor=${"A".repeat(500)}`]) {
      assert.deepEqual(readCatalogApiQuery(new URL(`http://store.test/api/catalog${search}`)), { ok: false, reason: "invalid_cursor" }, search);
    }
  });
});
