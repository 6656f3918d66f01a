import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/database";
import { addItemFile, createItem, setItemCover } from "@/db/queries/studio-items";
import { creators, items, payments } from "@/db/schema";
import { getStorage } from "@/lib/storage";
import { openTestDatabase } from "@/lib/testing/test-database";
import { sweepEmptyDrafts } from "./draft-sweep";

const storageDir = mkdtempSync(path.join(tmpdir(), "storefront-sweep-"));
process.env.STORAGE_DIR = storageDir;
process.env.EMPTY_DRAFT_MAX_AGE_HOURS = "24";

const DAY_MS = 86_400_000;
const admitAll = async () => true;

describe("the empty-draft sweep", () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  before(async () => {
    database = await openTestDatabase();
  });
  after(async () => {
    await database.close();
    rmSync(storageDir, { recursive: true, force: true });
  });

  it("removes old drafts that never got a file, with their covers, and keeps everything else", async () => {
    const wallet = `0x${"ab".repeat(20)}`;
    const [creator] = await getDb().insert(creators).values({ walletAddress: wallet, payoutAddress: wallet, displayName: "S", handle: "sweep-test" }).returning();
    const draft = async (title: string, ageMs: number, cover?: string) => {
      const input = { title, description: "", kind: "ebook" as const, price: 1_000_000n, pwywMinimum: null, payoutAddress: null, refundPolicy: "" };
      const created = await createItem({ creatorId: creator.id, input, maxItems: 100 });
      assert.ok(created.ok);
      await getDb().update(items).set({ createdAt: new Date(Date.now() - ageMs) }).where(eq(items.id, created.item.id));
      if (cover) {
        await getStorage().put(cover, new Uint8Array([1, 2, 3]));
        assert.ok((await setItemCover({ itemId: created.item.id, coverKey: cover, coverType: "image/png", admit: admitAll })).ok);
      }
      return created.item;
    };
    const file = (itemId: string) => ({ itemId, fileName: "a.pdf", mimeType: "application/pdf", sizeBytes: 3, sha256: "0".repeat(64), storageKey: `files/${randomUUID()}.pdf`, isPreview: false });

    const emptyOld = await draft("Empty and old", 2 * DAY_MS);
    const coverOnlyOld = await draft("Cover only, old", 2 * DAY_MS, "covers/sweep-old.png");
    const emptyYoung = await draft("Empty, young", DAY_MS / 2, "covers/sweep-young.png");
    const withFile = await draft("Has a file", 2 * DAY_MS);
    assert.ok((await addItemFile(file(withFile.id), admitAll)).ok);
    const previewOnly = await draft("Has only a preview", 2 * DAY_MS);
    assert.ok((await addItemFile({ ...file(previewOnly.id), isPreview: true }, admitAll)).ok);
    const published = await draft("Published, files since removed", 2 * DAY_MS);
    await getDb().update(items).set({ published: true }).where(eq(items.id, published.id));
    const paid = await draft("Unpublished, files removed, but paid for", 2 * DAY_MS);
    await getDb()
      .insert(payments)
      .values({ itemId: paid.id, payer: wallet, payTo: wallet, amountAtomic: 1_000_000n, asset: wallet, network: "eip155:31337", nonce: `0x${"01".repeat(32)}`, status: "settled" });

    assert.equal(await sweepEmptyDrafts(), 2);
    const left = (await getDb().select({ id: items.id }).from(items)).map((item) => item.id).sort();
    assert.deepEqual(left, [emptyYoung.id, withFile.id, previewOnly.id, published.id, paid.id].sort());
    assert.ok(![emptyOld.id, coverOnlyOld.id].some((id) => left.includes(id)));
    await assert.rejects(getStorage().size("covers/sweep-old.png"), "the removed draft's cover is gone");
    assert.equal(await getStorage().size("covers/sweep-young.png"), 3, "a young draft keeps its cover");

    assert.equal(await sweepEmptyDrafts(), 0, "a second sweep finds nothing");
    assert.equal(await sweepEmptyDrafts(Date.now() + DAY_MS), 1, "the young draft goes once it is old enough");
  });
});
