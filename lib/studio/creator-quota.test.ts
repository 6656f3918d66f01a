import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { getDb } from "@/db/database";
import { addItemFile, createItem, replaceItemFileContent, setItemCover } from "@/db/queries/studio-items";
import { creators } from "@/db/schema";
import { getStorage } from "@/lib/storage";
import { openTestDatabase } from "@/lib/testing/test-database";
import { holdCreatorQuota } from "./creator-quota";

const QUOTA = 1_000_000;
const storageDir = mkdtempSync(path.join(tmpdir(), "storefront-quota-"));
process.env.CREATOR_QUOTA_BYTES = String(QUOTA);
process.env.STORAGE_DIR = storageDir;

async function newCreator() {
  const wallet = `0x${randomUUID().replaceAll("-", "").padEnd(40, "0")}`;
  const [creator] = await getDb().insert(creators).values({ walletAddress: wallet, payoutAddress: wallet, displayName: "Q", handle: `q-${randomUUID()}` }).returning();
  return creator;
}

async function newItem(creatorId: string) {
  const created = await createItem({ creatorId, input: { title: "Quota", description: "", kind: "ebook", price: 1_000_000n, pwywMinimum: null, payoutAddress: null, refundPolicy: "" }, maxItems: 100 });
  assert.ok(created.ok);
  return created.item;
}

const admitAll = async () => true;
function fileRow(itemId: string, sizeBytes: number) {
  return { itemId, fileName: "f.pdf", mimeType: "application/pdf", sizeBytes, sha256: "0".repeat(64), storageKey: `files/${randomUUID()}.pdf`, isPreview: false };
}

const hold = (creatorId: string, declaredBytes: number | null, replaced = {}) => holdCreatorQuota({ creatorId, replaced, declaredBytes });

describe("creator quotas", () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  before(async () => {
    database = await openTestDatabase();
  });
  after(async () => {
    await database.close();
    rmSync(storageDir, { recursive: true, force: true });
  });

  it("refuses a declared length over what is left, before anything is read", async () => {
    const creator = await newCreator();
    const item = await newItem(creator.id);
    await addItemFile(fileRow(item.id, 700_000), admitAll);
    const refused = await hold(creator.id, 400_000);
    assert.equal(refused.ok, false);
    assert.deepEqual(!refused.ok && [refused.refusal.status, refused.refusal.error], [413, "quota_exceeded"]);
    assert.match(!refused.ok ? refused.refusal.message : "", /293 KB is left, and this file is 391 KB/);
    const fits = await hold(creator.id, 300_000);
    assert.ok(fits.ok);
    fits.hold.end(false);
  });

  it("counts one creator's uploads in flight together, and no one else's", async () => {
    const [creator, other] = [await newCreator(), await newCreator()];
    const first = await hold(creator.id, null);
    const second = await hold(creator.id, null);
    const stranger = await hold(other.id, null);
    assert.ok(first.ok && second.ok && stranger.ok);
    assert.equal(first.hold.allowance.take(600_000), null);
    assert.equal(stranger.hold.allowance.take(900_000), null);
    assert.equal((second.hold.allowance.take(500_000) as { error: string } | null)?.error, "quota_exceeded");
    // A third, declared one sees the 1.1 MB in flight too.
    const third = await hold(creator.id, 10);
    assert.equal(third.ok, false);
    for (const held of [first, second, stranger]) held.hold.end(false);
    // A declared length is reserved before its bytes arrive.
    const declared = await hold(creator.id, 700_000);
    assert.ok(declared.ok);
    assert.equal((await hold(creator.id, 400_000)).ok, false);
    declared.hold.end(false);
    const afterwards = await hold(creator.id, QUOTA);
    assert.ok(afterwards.ok);
    afterwards.hold.end(false);
  });

  it("an upload that read the total before another was recorded still counts it", async () => {
    const creator = await newCreator();
    const item = await newItem(creator.id);
    const first = await hold(creator.id, null);
    const second = await hold(creator.id, null);
    assert.ok(first.ok && second.ok);
    assert.equal(first.hold.allowance.take(600_000), null);
    const recorded = await addItemFile(fileRow(item.id, 600_000), first.hold.admit);
    assert.ok(recorded.ok);
    first.hold.end(true);
    assert.equal((second.hold.allowance.take(500_000) as { error: string } | null)?.error, "quota_exceeded");
    second.hold.end(false);
  });

  it("admits an upload where it is recorded only if the stored total, read under the lock, leaves room", async () => {
    const creator = await newCreator();
    const item = await newItem(creator.id);
    const held = await hold(creator.id, null);
    assert.ok(held.ok);
    assert.equal(held.hold.allowance.take(600_000), null);
    // Meanwhile another server process recorded 500 KB for this creator.
    await addItemFile(fileRow(item.id, 500_000), admitAll);
    const refused = await addItemFile(fileRow(item.id, 600_000), held.hold.admit);
    assert.deepEqual(refused, { ok: false, error: "quota_exceeded" });
    held.hold.end(false);
  });

  it("counts covers by their stored size; what an upload replaces does not count", async () => {
    const creator = await newCreator();
    const item = await newItem(creator.id);
    const file = await addItemFile(fileRow(item.id, 800_000), admitAll);
    assert.ok(file.ok);
    await getStorage().put("covers/quota-test.png", new Uint8Array(150_000));
    assert.ok((await setItemCover({ itemId: item.id, coverKey: "covers/quota-test.png", coverType: "image/png", admit: admitAll })).ok);
    assert.equal((await hold(creator.id, 60_000)).ok, false, "950 KB stored, 60 KB more is too much");

    const replacement = await hold(creator.id, 840_000, { fileId: file.value.id });
    assert.ok(replacement.ok, "the old 800 KB do not count against their replacement");
    replacement.hold.allowance.take(840_000);
    assert.ok((await replaceItemFileContent({ fileId: file.value.id, content: fileRow(item.id, 840_000), admit: replacement.hold.admit })).ok);
    replacement.hold.end(true);

    const cover = await hold(creator.id, 160_000, { coverOfItemId: item.id });
    assert.ok(cover.ok, "nor does the old cover against a new one");
    cover.hold.end(false);
  });

  it("refuses a new item past the item quota, counted under the creator's lock", async () => {
    const creator = await newCreator();
    const input = { title: "Draft", description: "", kind: "ebook" as const, price: 1n, pwywMinimum: null, payoutAddress: null, refundPolicy: "" };
    const results = await Promise.all(Array.from({ length: 5 }, () => createItem({ creatorId: creator.id, input, maxItems: 3 })));
    assert.equal(results.filter((result) => result.ok).length, 3);
    assert.deepEqual(results.find((result) => !result.ok), { ok: false, error: "item_quota_exceeded" });
  });
});
