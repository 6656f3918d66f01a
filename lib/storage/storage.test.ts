import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { after, before, describe, test } from "node:test";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { localDiskStorage } from "./local-disk";
import { s3Storage } from "./s3";
import type { Storage } from "./storage";

// The pinned SDK supports this Node; its notice about releases after January 2027 is not news to a test run.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const BUCKET = "storefront-test";
// s3rver's fixed development credentials; the driver reads real ones from the SDK's chain.
const CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A 12 MiB body in 1 MiB chunks: more than one S3 multipart part, never one buffer. */
function bigBody(): { stream: Readable; bytes: Buffer } {
  const bytes = Buffer.alloc(12 * 1024 * 1024);
  for (let index = 0; index < bytes.length; index += 4) bytes.writeUInt32LE(index, index);
  const chunks = Array.from({ length: 12 }, (_, index) => bytes.subarray(index * 1024 * 1024, (index + 1) * 1024 * 1024));
  return { stream: Readable.from(chunks), bytes };
}

function failingBody(): Readable {
  return new Readable({
    read() {
      this.push(Buffer.alloc(64 * 1024, 1));
      this.destroy(new Error("the client went away"));
    },
  });
}

/** The same contract for every driver: streamed put with hash and size, whole and ranged reads, delete, and no leftovers. */
function storageContract(name: string, open: () => Storage, leftovers: () => Promise<string[]>) {
  describe(`${name} storage`, () => {
    test("puts a stream, hashing and counting it, and reads it back whole and by range", async () => {
      const storage = open();
      const { stream, bytes } = bigBody();
      const stored = await storage.put("files/big.bin", stream);
      assert.deepEqual(stored, { sizeBytes: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") });
      assert.equal(await storage.size("files/big.bin"), bytes.length);
      assert.ok((await readAll(await storage.read("files/big.bin"))).equals(bytes));
      const range = await readAll(await storage.read("files/big.bin", { start: 5_000_000, end: 5_000_099 }));
      assert.ok(range.equals(bytes.subarray(5_000_000, 5_000_100)));
      await storage.delete("files/big.bin");
      await assert.rejects(storage.size("files/big.bin"));
    });

    test("a body that breaks off leaves nothing behind", async () => {
      const storage = open();
      await assert.rejects(storage.put("files/broken.bin", failingBody()), /went away/);
      await assert.rejects(storage.size("files/broken.bin"));
      assert.deepEqual(await leftovers(), []);
    });
  });
}

const root = mkdtempSync(path.join(tmpdir(), "storefront-storage-"));
after(() => rmSync(root, { recursive: true, force: true }));
storageContract("local disk", () => localDiskStorage(root), async () => readdirSync(root, { recursive: true, encoding: "utf8" }).filter((entry) => entry.includes(".")));

describe("local disk keys", () => {
  test("a key that would leave the root is refused", async () => {
    const storage = localDiskStorage(root);
    for (const key of ["../outside", "files/../../etc/passwd", "/etc/passwd", "Files/UPPER"]) {
      await assert.rejects(storage.put(key, new Uint8Array([1])), /invalid storage key/);
    }
  });
});

describe("local disk reads", () => {
  async function chunkSizes(stream: Readable): Promise<number[]> {
    const sizes: number[] = [];
    for await (const chunk of stream) sizes.push((chunk as Buffer).length);
    return sizes;
  }

  test("a delivery is read in 1 MiB chunks, and a small or ranged read in no larger a buffer than asked for", async () => {
    const storage = localDiskStorage(root);
    const { stream, bytes } = bigBody();
    await storage.put("files/chunks.bin", stream);
    const whole = await chunkSizes(await storage.read("files/chunks.bin"));
    assert.equal(whole.reduce((sum, size) => sum + size, 0), bytes.length);
    assert.deepEqual(whole, Array.from({ length: 12 }, () => 1024 * 1024));
    const ranged = await storage.read("files/chunks.bin", { start: 1_000_000, end: 3_500_000 });
    assert.deepEqual(await chunkSizes(ranged), [1024 * 1024, 1024 * 1024, 2_500_001 - 2 * 1024 * 1024]);
    await storage.put("files/small.bin", new Uint8Array(10));
    assert.equal((await storage.read("files/small.bin")).readableHighWaterMark, 10);
    assert.equal((await storage.read("files/chunks.bin", { start: 0, end: 99 })).readableHighWaterMark, 100);
  });
});

// A real S3 protocol server on 127.0.0.1, so the driver is exercised over HTTP with the AWS SDK.
const s3Dir = mkdtempSync(path.join(tmpdir(), "storefront-s3-"));
let server: S3rver;
let endpoint = "";
before(async () => {
  server = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: s3Dir });
  const address = (await server.run()) as { port: number };
  endpoint = `http://127.0.0.1:${address.port}`;
  const client = new S3Client({ endpoint, region: "us-east-1", forcePathStyle: true, credentials: CREDENTIALS });
  await client.send(new CreateBucketCommand({ Bucket: BUCKET }));
  client.destroy();
});
after(async () => {
  await server.close();
  rmSync(s3Dir, { recursive: true, force: true });
});
storageContract(
  "S3",
  () => s3Storage({ bucket: BUCKET, region: "us-east-1", endpoint, credentials: CREDENTIALS }),
  async () => readdirSync(path.join(s3Dir, BUCKET), { recursive: true, encoding: "utf8" }).filter((entry) => entry.startsWith("files/") && !entry.endsWith("/")),
);
