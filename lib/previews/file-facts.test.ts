import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { PDFDocument } from "pdf-lib";
import { makePdf } from "@/lib/demo/pdf";
import { makeWav } from "@/lib/demo/wav";
import { storageFor } from "@/lib/storage";
import { formatDuration } from "./duration";
import { fileFacts } from "./file-facts";
import { wavSeconds } from "./wav-duration";

const dir = mkdtempSync(path.join(tmpdir(), "file-facts-"));
const storage = storageFor({ STORAGE_DIR: dir, S3_BUCKET: undefined, S3_ENDPOINT: undefined, S3_REGION: "us-east-1" });
after(() => rmSync(dir, { recursive: true, force: true }));

async function stored(key: string, bytes: Uint8Array, mimeType: string) {
  const { sizeBytes, sha256 } = await storage.put(key, bytes);
  return { storageKey: key, mimeType, sizeBytes, sha256 };
}

describe("file facts for the course outline", () => {
  it("counts a PDF's pages", async () => {
    const pdf = await makePdf({ title: "Facts", author: "Test", chapters: [1, 2].map((n) => ({ heading: `Part ${n}`, paragraphs: ["Words."] })) });
    const expected = (await PDFDocument.load(pdf)).getPageCount();
    assert.deepEqual(await fileFacts(storage, await stored("files/facts.pdf", pdf, "application/pdf")), { pages: expected });
  });

  it("reads a WAV's length from its header, and shows it as a player does", async () => {
    const wav = makeWav({ notes: [440, 660], noteSeconds: 36 });
    assert.equal(wavSeconds(wav, wav.length), 72);
    assert.equal(wavSeconds(wav.subarray(0, 44), wav.length), 72);
    assert.deepEqual(await fileFacts(storage, await stored("files/tune.wav", wav, "audio/wav")), { seconds: 72 });
    assert.equal(formatDuration(72), "1:12");
    assert.equal(formatDuration(3725.9), "1:02:05");
  });

  it("knows nothing of other files or of bytes that are not what their type says", async () => {
    assert.equal(wavSeconds(new TextEncoder().encode("not a wav header at all"), 23), null);
    assert.deepEqual(await fileFacts(storage, await stored("files/broken.pdf", new TextEncoder().encode("%PDF-1.7 nope"), "application/pdf")), {});
    assert.deepEqual(await fileFacts(storage, await stored("files/song.mp3", new Uint8Array([0xff, 0xfb, 0x90, 0x00]), "audio/mpeg")), {});
  });

  it("measures again after a read failure instead of remembering none", async () => {
    const wav = makeWav({ notes: [440], noteSeconds: 2 });
    const file = await stored("files/later.wav", wav, "audio/wav");
    const missing = { ...file, storageKey: "files/not-there.wav" };
    assert.deepEqual(await fileFacts(storage, missing), {});
    assert.deepEqual(await fileFacts(storage, file), { seconds: 2 });
  });
});
