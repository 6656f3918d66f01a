import { readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { NO_RATE_LIMITS, type StartedStore, startStore, stopStore } from "../lib/testing/store-process";
import { expect, test } from "./fixtures";
import { type CreatorSession, createItem, signInCreator, uploadFile } from "./support/studio";
import { answerJson, cookieHeader, openChunkedUpload, sendChunked, storeLog, storedObjects } from "./support/uploads";

const MiB = 1024 * 1024;
const KiB = 1024;
const QUOTA_BYTES = 2 * MiB;
const QUOTA_ITEMS = 4;

/** Bytes the store takes for a PDF: the signature, then filler. */
function pdfOf(bytes: number): Buffer {
  const pdf = Buffer.alloc(bytes, 0x20);
  pdf.write("%PDF-1.7\n");
  return pdf;
}

/** A PNG (1×1, then filler after its end): a cover of the given size. */
function pngOf(bytes: number): Buffer {
  const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
  return Buffer.concat([png, Buffer.alloc(bytes - png.length)]);
}

function putCover(creator: CreatorSession, itemId: string, bytes: Buffer) {
  return creator.api.put(`/api/studio/items/${itemId}/cover`, { headers: { "x-file-name": "cover.png" }, data: bytes });
}

/**
 * A store of its own for a describe block: started before its tests, stopped and removed after
 * them, even when the start outlived the hook's timeout. Its output must show no unhandled error.
 */
function storeOfOwn(env: Record<string, string>): () => StartedStore {
  let starting: Promise<StartedStore> | undefined;
  let store: StartedStore | undefined;
  test.beforeAll(async ({}, testInfo) => {
    testInfo.setTimeout(120_000);
    starting = startStore({ DATABASE_URL: "", ...NO_RATE_LIMITS, ...env });
    store = await starting;
  });
  test.afterAll(async () => {
    const started = await starting?.catch(() => undefined);
    if (!started) return;
    await stopStore(started, { keepDataDir: true });
    const log = storeLog(started.dataDir);
    rmSync(started.dataDir, { recursive: true, force: true });
    expect(log).not.toMatch(/uncaughtException|unhandledRejection|⨯/);
  });
  return () => store!;
}

test.describe("creator quotas: refused before or while storing, nothing kept", () => {
  const own = storeOfOwn({ UPLOAD_MAX_BYTES: String(4 * MiB), CREATOR_QUOTA_BYTES: String(QUOTA_BYTES), CREATOR_QUOTA_ITEMS: String(QUOTA_ITEMS) });

  test("a declared length over what is left is refused up front; a chunked upload is stopped when it crosses the quota", async () => {
    const store = own();
    const creator = await signInCreator(store.url);
    const item = await createItem(creator.api);
    expect((await uploadFile(creator.api, item.id, "first.pdf", pdfOf(1.5 * MiB))).status()).toBe(201);
    const objects = storedObjects(store.dataDir);

    const declared = await uploadFile(creator.api, item.id, "second.pdf", pdfOf(1 * MiB));
    expect(declared.status()).toBe(413);
    expect(await declared.json()).toEqual({
      error: "quota_exceeded",
      message: "Your files and covers may take 2.0 MB in all; 512 KB is left, and this file is 1.0 MB. Delete files or drafts you no longer need.",
    });

    const url = `${store.url}/api/studio/items/${item.id}/files`;
    const chunked = await sendChunked(url, { cookie: await cookieHeader(creator.api), fileName: "second.pdf", head: pdfOf(64 * KiB), totalBytes: 3 * MiB });
    expect(answerJson(chunked)).toEqual({ error: "quota_exceeded", message: expect.stringContaining("grew past the 512 KB that was left") });

    await expect.poll(() => storedObjects(store.dataDir), { timeout: 5_000 }).toEqual(objects);
    expect((await (await creator.api.get(`/api/studio/items/${item.id}`)).json()).files.map((file: { name: string }) => file.name)).toEqual(["first.pdf"]);
  });

  test("two uploads of one creator at once cannot pass the quota together", async () => {
    const store = own();
    const creator = await signInCreator(store.url);
    const item = await createItem(creator.api);
    const url = `${store.url}/api/studio/items/${item.id}/files`;
    const objects = storedObjects(store.dataDir);

    // The first upload is under way with 1.5 MiB received (its partial file shows it) when the second asks.
    const first = openChunkedUpload(url, { cookie: await cookieHeader(creator.api), fileName: "first.pdf" });
    await first.write(pdfOf(1.5 * MiB));
    const partialBytes = () =>
      readdirSync(path.join(store.dataDir, "files"), { recursive: true, encoding: "utf8" })
        .filter((entry) => entry.endsWith(".partial"))
        .reduce((total, entry) => total + statSync(path.join(store.dataDir, "files", entry)).size, 0);
    await expect.poll(partialBytes, { timeout: 10_000 }).toBeGreaterThanOrEqual(1.25 * MiB);

    const declared = await uploadFile(creator.api, item.id, "second.pdf", pdfOf(1 * MiB));
    expect([declared.status(), (await declared.json()).error]).toEqual([413, "quota_exceeded"]);
    const streamed = await sendChunked(url, { cookie: await cookieHeader(creator.api), fileName: "third.pdf", head: pdfOf(64 * KiB), totalBytes: 1 * MiB });
    expect(answerJson(streamed)).toMatchObject({ error: "quota_exceeded" });

    const done = await first.end();
    expect("status" in done && done.status, JSON.stringify(done)).toBe(201);
    const files = (await (await creator.api.get(`/api/studio/items/${item.id}`)).json()).files as { name: string; sizeBytes: number }[];
    expect(files.map((file) => [file.name, file.sizeBytes])).toEqual([["first.pdf", 1.5 * MiB]]);
    expect(storedObjects(store.dataDir).length).toBe(objects.length + 1);
  });

  test("a replaced file counts its new size only; covers count too", async () => {
    const store = own();
    const creator = await signInCreator(store.url);
    const item = await createItem(creator.api);
    const first = await (await uploadFile(creator.api, item.id, "book.pdf", pdfOf(1.5 * MiB))).json();
    const replaced = await uploadFile(creator.api, item.id, "book.pdf", pdfOf(Math.round(1.8 * MiB)), { method: "put", fileId: first.id });
    expect(replaced.status(), await replaced.text()).toBe(200);

    const bigCover = await putCover(creator, item.id, pngOf(300 * KiB));
    expect([bigCover.status(), (await bigCover.json()).error]).toEqual([413, "quota_exceeded"]);
    expect((await putCover(creator, item.id, pngOf(100 * KiB))).status()).toBe(200);
    // The cover's 100 KiB now count: 1.8 MiB + 100 KiB + 200 KiB is past 2 MiB.
    const extra = await uploadFile(creator.api, item.id, "extra.pdf", pdfOf(200 * KiB));
    expect([extra.status(), (await extra.json()).error]).toEqual([413, "quota_exceeded"]);
    // Replacing the cover with one of the same size fits: the old one does not count.
    expect((await putCover(creator, item.id, pngOf(100 * KiB))).status()).toBe(200);
  });

  test("items past the item quota are refused, drafts included, and nothing is created", async () => {
    const store = own();
    const creator = await signInCreator(store.url);
    const items = [];
    for (let index = 0; index < QUOTA_ITEMS; index++) items.push(await createItem(creator.api, { title: `Draft ${index}` }));
    const refused = await creator.api.post("/api/studio/items", { data: { title: "One too many", kind: "ebook", price: "1" } });
    expect(refused.status()).toBe(409);
    expect(await refused.json()).toEqual({
      error: "item_quota_exceeded",
      message: `A creator may have at most ${QUOTA_ITEMS} items, drafts included; delete a draft you no longer need first.`,
    });
    // Exactly the quota exists: after deleting one, one more fits (and then no more).
    expect((await creator.api.delete(`/api/studio/items/${items[0].id}`)).status()).toBe(204);
    await createItem(creator.api, { title: "Fits again" });
    expect((await creator.api.post("/api/studio/items", { data: { title: "Over again", kind: "ebook", price: "1" } })).status()).toBe(409);
    // Another creator has a quota of their own.
    await createItem((await signInCreator(store.url)).api);
  });
});

test.describe("the disk reserve: uploads never fill the storage disk", () => {
  // A reserve larger than any disk: as if the disk were full.
  const own = storeOfOwn({ STORAGE_RESERVE_BYTES: String(Number.MAX_SAFE_INTEGER) });

  test("every upload is refused with 507 storage_full, declared or streamed, files and covers; nothing stored", async () => {
    const store = own();
    const creator = await signInCreator(store.url);
    const item = await createItem(creator.api);
    const objects = storedObjects(store.dataDir);
    const reason = { error: "storage_full", message: "The store's disk is nearly full, so uploads are paused; try again later." };

    const declared = await uploadFile(creator.api, item.id, "book.pdf", pdfOf(64 * KiB));
    expect(declared.status()).toBe(507);
    expect(await declared.json()).toEqual(reason);
    const cover = await putCover(creator, item.id, pngOf(8 * KiB));
    expect([cover.status(), await cover.json()]).toEqual([507, reason]);
    const chunked = await sendChunked(`${store.url}/api/studio/items/${item.id}/files`, {
      cookie: await cookieHeader(creator.api),
      fileName: "book.pdf",
      head: pdfOf(64 * KiB),
      totalBytes: 2 * MiB,
    });
    expect("status" in chunked && [chunked.status, answerJson(chunked)]).toEqual([507, reason]);
    expect(storedObjects(store.dataDir)).toEqual(objects);
    expect((await (await creator.api.get(`/api/studio/items/${item.id}`)).json()).files).toEqual([]);
  });
});
