import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { after, test } from "node:test";
import { localDiskStorage } from "@/lib/storage/local-disk";
import { deliveredSha256 } from "./delivered-digest";
import { zipStream } from "./zip-stream";

const dir = mkdtempSync(path.join(tmpdir(), "delivered-digest-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const storage = localDiskStorage(dir);

async function stored(fileName: string, text: string) {
  const bytes = Buffer.from(text);
  const storageKey = `files/${fileName}`;
  const { sha256 } = await storage.put(storageKey, Readable.from([bytes]));
  return { storageKey, fileName, sizeBytes: bytes.length, sha256 };
}

async function zipBytes(files: Awaited<ReturnType<typeof stored>>[]): Promise<Buffer> {
  const zip = await zipStream(storage, files);
  const chunks: Buffer[] = [];
  for await (const chunk of zip.stream) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  assert.equal(bytes.length, zip.size);
  return bytes;
}

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

test("a course's ZIP is the same bytes in every time zone, so a receipt's digest holds on any server", async () => {
  const files = [await stored("lesson-1.txt", "one"), await stored("lesson-2.txt", "two")];
  const zone = process.env.TZ;
  try {
    process.env.TZ = "UTC";
    const utc = await zipBytes(files);
    process.env.TZ = "Pacific/Kiritimati";
    const plus14 = await zipBytes(files);
    process.env.TZ = "America/Los_Angeles";
    const pacific = await zipBytes(files);
    assert.equal(sha256(plus14), sha256(utc));
    assert.equal(sha256(pacific), sha256(utc));
  } finally {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  }
});

test("the delivered digest is the file's own for one file and the ZIP's for several", async () => {
  const one = await stored("single.txt", "just one");
  assert.equal(await deliveredSha256(storage, [one]), one.sha256);
  const files = [await stored("a.txt", "alpha"), await stored("b.txt", "beta")];
  assert.equal(await deliveredSha256(storage, files), sha256(await zipBytes(files)));
  // Another order is another archive.
  assert.notEqual(await deliveredSha256(storage, [files[1], files[0]]), await deliveredSha256(storage, files));
});
