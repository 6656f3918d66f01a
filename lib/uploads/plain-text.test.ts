import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { looksLikeUtf16, plainTextScanner } from "./plain-text";

const bytes = (value: string) => new TextEncoder().encode(value);

/** Feeds `chunks` to a fresh scanner; the first refusal's message, or null for plain text. */
function scan(chunks: Uint8Array[]): string | null {
  const scanner = plainTextScanner();
  for (const chunk of chunks) {
    const refusal = scanner.push(chunk);
    if (refusal) return refusal.message;
  }
  return scanner.end()?.message ?? null;
}

describe("plainTextScanner", () => {
  it("lets plain text through, '<' included when no tag can start there", () => {
    assert.equal(scan([bytes("a < b, 3<4, <3, <= and <- arrows, « quotes », emoji 🙂\n"), bytes("more <")]), null);
  });

  it("finds a tag anywhere, at its byte offset, also split across chunks", () => {
    const prose = bytes("x".repeat(10_000));
    for (const tag of ["<script>", "<svg", "<!--", "<!doctype", "<?xml", "</p>", "<a href", "<IMG", "<iframe"]) {
      assert.match(scan([prose, bytes(tag)]) ?? "", /markup at byte 10000/, tag);
      // "<" ends one chunk and the tag's first character starts the next.
      assert.match(scan([prose, bytes("<"), bytes(tag.slice(1))]) ?? "", /markup at byte 10000/, tag);
      assert.match(scan([bytes(`${"x".repeat(9_999)}<`), bytes(tag.slice(1))]) ?? "", /markup at byte 9999/, tag);
    }
  });

  it("refuses NUL bytes, invalid UTF-8 and a cut-off character anywhere", () => {
    assert.match(scan([bytes("fine text "), Buffer.from([0x41, 0x00, 0x42])]) ?? "", /not plain UTF-8 text from byte 11/);
    assert.match(scan([bytes("fine text "), Buffer.from([0xc3, 0x28])]) ?? "", /not plain UTF-8/);
    assert.match(scan([bytes("ends inside é"), Buffer.from([0xe2, 0x82])]) ?? "", /not plain UTF-8/);
    // A character split across two chunks is fine.
    const euro = bytes("€");
    assert.equal(scan([Buffer.concat([bytes("price "), euro.subarray(0, 1)]), euro.subarray(1)]), null);
  });
});

describe("looksLikeUtf16", () => {
  it("knows UTF-16 by its byte-order mark or by NULs on every other byte", () => {
    const le = Buffer.from("Chapter one, in which nothing happens.", "utf16le");
    const be = Buffer.from(le.map((_, index) => le[index ^ 1]));
    assert.equal(looksLikeUtf16(Buffer.from([0xff, 0xfe, 0x41, 0x00])), true);
    assert.equal(looksLikeUtf16(Buffer.from([0xfe, 0xff, 0x00, 0x41])), true);
    assert.equal(looksLikeUtf16(le), true);
    assert.equal(looksLikeUtf16(be), true);
  });

  it("does not take UTF-8 text or zero-filled binaries for UTF-16", () => {
    assert.equal(looksLikeUtf16(bytes("Plain UTF-8 notes — with accents: é, ü.")), false);
    assert.equal(looksLikeUtf16(Buffer.alloc(512)), false);
    assert.equal(looksLikeUtf16(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, ...Buffer.alloc(56)])), false);
  });
});
