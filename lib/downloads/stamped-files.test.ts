import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { after, test } from "node:test";
import { PDFDocument } from "pdf-lib";
import type { ItemFile } from "@/db/schema";
import { makePdf } from "@/lib/demo/pdf";
import { localDiskStorage } from "@/lib/storage/local-disk";
import { stampLine } from "./stamp-pdf";
import { prepareFiles, preparedSha256 } from "./stamped-files";

const dir = mkdtempSync(path.join(tmpdir(), "stamped-files-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const storage = localDiskStorage(dir);
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

async function stored(itemId: string, fileName: string, bytes: Uint8Array, mimeType: string): Promise<ItemFile> {
  const storageKey = `files/${itemId}-${fileName}`;
  const put = await storage.put(storageKey, Readable.from([Buffer.from(bytes)]));
  const now = new Date();
  return { id: fileName, itemId, position: 0, fileName, title: null, mimeType, sizeBytes: bytes.length, sha256: put.sha256, storageKey, isPreview: false, createdAt: now, updatedAt: now };
}

const stamp = (buyer: string) => ({ buyer, transactionHash: `0x${"1f".repeat(32)}`, settledAt: new Date("2026-11-28T10:00:00Z") });
const BUYER = "0xAbCdEf0123456789aBcDeF0123456789AbCdEf12";

test("the same receipt stamps the same bytes; another buyer's copy differs; metadata and every page carry the stamp", async () => {
  const pdf = await stored("book", "book.pdf", await makePdf({ title: "Book", author: "A", chapters: [{ heading: "One", paragraphs: ["x"] }] }), "application/pdf");
  const plan = { stamp: stamp(BUYER), itemIds: new Set(["book"]), maxBytes: 1024 * 1024 };
  const first = await prepareFiles(storage, [pdf], plan);
  const again = await prepareFiles(storage, [pdf], plan);
  const other = await prepareFiles(storage, [pdf], { ...plan, stamp: stamp("0x1111111111111111111111111111111111111111") });
  assert.ok(first.ok && again.ok && other.ok && first.stamped);
  const bytes = first.files[0].bytes!;
  assert.equal(sha256(bytes), sha256(again.files[0].bytes!));
  assert.notEqual(sha256(bytes), sha256(other.files[0].bytes!));
  assert.notEqual(sha256(bytes), pdf.sha256);
  assert.equal(await preparedSha256(storage, first.files), sha256(bytes));
  const document = await PDFDocument.load(bytes);
  assert.equal(document.getSubject(), stampLine(stamp(BUYER)));
  assert.equal(stampLine(stamp(BUYER)), "Licensed to 0xAbCd…Ef12 — receipt XS-1F1F-1F1F-1F1F — 2026-11-28");
  assert.match(document.getKeywords() ?? "", new RegExp(`licensed-to:${BUYER}`));
});

test("non-PDF files, unstamped items and files over the bound", async () => {
  const wav = await stored("tune", "tune.wav", Buffer.from("RIFF....WAVEfmt "), "audio/wav");
  const pdf = await stored("plain", "plain.pdf", await makePdf({ title: "Plain", author: "A", chapters: [] }), "application/pdf");
  const plan = { stamp: stamp(BUYER), itemIds: new Set(["tune"]), maxBytes: 1024 * 1024 };
  const untouched = await prepareFiles(storage, [wav, pdf], plan);
  assert.ok(untouched.ok && !untouched.stamped);
  assert.deepEqual(untouched.files, [wav, pdf]);
  const tooLarge = await prepareFiles(storage, [pdf], { ...plan, itemIds: new Set(["plain"]), maxBytes: pdf.sizeBytes - 1 });
  assert.deepEqual(tooLarge, { ok: false, reason: "stamp_file_too_large" });
  // A row that understates the stored size is caught while reading, not trusted.
  const lying = await prepareFiles(storage, [{ ...pdf, sizeBytes: 10 }], { ...plan, itemIds: new Set(["plain"]), maxBytes: 100 });
  assert.deepEqual(lying, { ok: false, reason: "stamp_file_too_large" });
});

test("many buyers at once: every copy is made, each the same as made alone", async () => {
  const pdf = await stored("many", "many.pdf", await makePdf({ title: "Many", author: "A", chapters: [{ heading: "One", paragraphs: ["x"] }] }), "application/pdf");
  const plan = { stamp: stamp(BUYER), itemIds: new Set(["many"]), maxBytes: 1024 * 1024 };
  const alone = await prepareFiles(storage, [pdf], plan);
  const together = await Promise.all(Array.from({ length: 8 }, () => prepareFiles(storage, [pdf], plan)));
  assert.ok(alone.ok);
  for (const copy of together) assert.ok(copy.ok && copy.files[0].sha256 === alone.files[0].sha256);
});
