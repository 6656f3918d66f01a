import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CatalogItemWithFiles } from "@/db/queries/catalog";
import { MISS_READS_PER_SECOND, readMissedSlug } from "./missed-slugs";

function counter(found: (slug: string) => boolean) {
  let reads = 0;
  const read = async ({ slug }: { slug: string }) => (reads++, found(slug) ? ({ slug } as CatalogItemWithFiles) : null);
  return { read, reads: () => reads };
}

describe("a slug the catalog snapshot lacks", () => {
  it("is read from the database, one read for concurrent misses of that slug", async () => {
    const database = counter((slug) => slug === "just-published");
    const answers = await Promise.all(Array.from({ length: 10 }, () => readMissedSlug("just-published", database.read, 1_000_000)));
    assert.ok(answers.every((item) => item?.slug === "just-published"));
    assert.equal(database.reads(), 1);
  });

  it("costs at most MISS_READS_PER_SECOND reads a second, however many made-up slugs are asked for", async () => {
    const database = counter(() => false);
    const second = 2_000_000;
    for (let index = 0; index < 500; index++) assert.equal(await readMissedSlug(`made-up-${index}`, database.read, second + (index % 1000)), null);
    assert.equal(database.reads(), MISS_READS_PER_SECOND);
    await readMissedSlug("made-up-next-second", database.read, second + 1000);
    assert.equal(database.reads(), MISS_READS_PER_SECOND + 1);
  });
});
