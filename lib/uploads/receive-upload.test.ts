import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { localDiskStorage } from "@/lib/storage/local-disk";
import { type ByteAllowance, receiveUpload } from "./receive-upload";

const root = mkdtempSync(path.join(tmpdir(), "storefront-receive-"));
after(() => rmSync(root, { recursive: true, force: true }));
const storage = localDiskStorage(root);
const stored = () => readdirSync(root, { recursive: true, encoding: "utf8" }).filter((entry) => entry.includes("."));

/** A request whose body arrives in exactly these chunks; `pulled` counts the bytes the server asked for. */
function chunkedRequest(chunks: Iterable<Uint8Array>, fileName: string) {
  const source = chunks[Symbol.iterator]();
  const counter = { pulled: 0 };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = source.next();
      if (next.done) return controller.close();
      counter.pulled += next.value.length;
      controller.enqueue(next.value);
    },
  });
  const request = new Request("http://store.test/upload", { method: "POST", body, duplex: "half", headers: { "x-file-name": fileName } } as RequestInit);
  return { request, counter };
}

const bytes = (value: string) => new TextEncoder().encode(value);
const receive = (request: Request, fileName: string, allowances: ByteAllowance[] = []) =>
  receiveUpload({ request, storage, purpose: "item-file", fileName, maxBytes: 64 * 1024 * 1024, allowances });

describe("receiveUpload", () => {
  it("stores plain text with its hash", async () => {
    const text = bytes(`${"notes ".repeat(2000)}3 < 4\n`);
    const { request } = chunkedRequest([text.subarray(0, 5000), text.subarray(5000)], "notes.txt");
    const result = await receive(request, "notes.txt");
    assert.ok(result.ok);
    assert.equal(result.file.mimeType, "text/plain");
    assert.equal(result.file.sha256, createHash("sha256").update(text).digest("hex"));
    await storage.delete(result.file.storageKey);
  });

  it("refuses a tag that arrives after 10 KB, split across two chunks, and keeps nothing", async () => {
    const { request, counter } = chunkedRequest([bytes("x".repeat(10_000)), bytes("<"), bytes("script>alert(1)</script>"), bytes("tail ".repeat(1000))], "notes.txt");
    const result = await receive(request, "notes.txt");
    assert.deepEqual(!result.ok && [result.refusal.status, result.refusal.error], [415, "unsupported_file_type"]);
    assert.match(!result.ok ? result.refusal.message : "", /markup at byte 10000/);
    assert.equal(counter.pulled, 10_000 + 1 + 24 + 5000, "the rest of the body is read and discarded");
    assert.deepEqual(stored(), []);
  });

  it("refuses a name that does not fit the content before storing a byte", async () => {
    const { request } = chunkedRequest([bytes("console.log('hi')\n")], "run.js");
    const result = await receive(request, "run.js");
    assert.deepEqual(!result.ok && [result.refusal.status, result.refusal.error], [415, "file_extension_mismatch"]);
    assert.deepEqual(stored(), []);
  });

  it("stops at an allowance's refusal while streaming", async () => {
    const quota: ByteAllowance = { take: (total) => (total > 100_000 ? { status: 413, error: "quota_exceeded", message: "over" } : null) };
    const { request } = chunkedRequest(Array.from({ length: 10 }, () => bytes("words ".repeat(5000))), "long.txt");
    const result = await receive(request, "long.txt", [quota]);
    assert.deepEqual(!result.ok && result.refusal.error, "quota_exceeded");
    assert.deepEqual(stored(), []);
  });

  it("answers an endless refused body after 8 MiB, and stops reading it at 64 MiB", async () => {
    const elf = Buffer.concat([Buffer.from("7f454c46", "hex"), Buffer.alloc(1024 * 1024 - 4)]);
    function* endless() {
      for (;;) yield elf;
    }
    const { request, counter } = chunkedRequest(endless(), "program.pdf");
    const result = await receive(request, "program.pdf");
    assert.deepEqual(!result.ok && result.refusal.error, "unsupported_file_type");
    assert.ok(counter.pulled <= 16 * 1024 * 1024, `read ${counter.pulled} bytes before answering`);
    // Reading goes on after the answer, in the background, until 64 MiB, and then stops.
    for (let waited = 0; counter.pulled < 64 * 1024 * 1024 && waited < 30_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.ok(counter.pulled >= 64 * 1024 * 1024 && counter.pulled <= 72 * 1024 * 1024, `read ${counter.pulled} bytes in all`);
    assert.deepEqual(stored(), []);
  });
});
