import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { makePdf } from "@/lib/demo/pdf";
import { makeWav } from "@/lib/demo/wav";
import { sniffType } from "./sniff-type";

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
const text = (value: string) => new TextEncoder().encode(value);

async function mimeOf(head: Uint8Array, purpose: "item-file" | "cover" = "item-file") {
  const sniffed = await sniffType(head, purpose);
  return sniffed.ok ? sniffed.mimeType : null;
}

async function refusalOf(head: Uint8Array, purpose: "item-file" | "cover" = "item-file") {
  const sniffed = await sniffType(head, purpose);
  assert.equal(sniffed.ok, false);
  return sniffed.ok ? null : sniffed.refusal;
}

describe("sniffType", () => {
  it("names files by their content", async () => {
    const pdf = await makePdf({ title: "T", author: "A", chapters: [{ heading: "H", paragraphs: ["p"] }] });
    assert.equal(await mimeOf(pdf.subarray(0, 4100)), "application/pdf");
    assert.equal(await mimeOf(makeWav({ notes: [440], noteSeconds: 0.05 }).subarray(0, 4100)), "audio/wav");
    assert.equal(await mimeOf(PNG, "cover"), "image/png");
    assert.equal(await mimeOf(text("# Lesson notes\nplain UTF-8 — ok, 3 < 4")), "text/plain");
  });

  it("refuses executables, binary junk, and anything but an image as a cover", async () => {
    assert.equal(await mimeOf(Buffer.concat([Buffer.from("7f454c46", "hex"), Buffer.alloc(60)])), null);
    assert.equal(await mimeOf(Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 0])), null);
    assert.equal((await refusalOf(text('<svg xmlns="http://www.w3.org/2000/svg"/>'), "cover"))?.error, "unsupported_file_type");
    const pdf = await makePdf({ title: "T", author: "A", chapters: [] });
    assert.equal(await mimeOf(pdf.subarray(0, 4100), "cover"), null);
  });

  it("refuses markup wherever it is in the head, saying so", async () => {
    for (const markup of ["<!doctype html><script>alert(1)</script>", "\uFEFF  <html>", `${"notes ".repeat(500)}<img src=x onerror=alert(1)>`]) {
      assert.match((await refusalOf(text(markup)))?.message ?? "", /markup/, markup);
    }
    // file-type knows an XML declaration: refused as a type that is not accepted.
    assert.equal((await refusalOf(text('<?xml version="1.0"?><svg/>')))?.error, "unsupported_file_type");
  });

  it("refuses UTF-16 text, with or without a byte-order mark, saying so (FF FE is not taken for MPEG audio)", async () => {
    const le = Buffer.from("Plain notes, no tags at all.", "utf16le");
    const be = Buffer.from(le.map((_, index) => le[index ^ 1]));
    for (const bytes of [Buffer.concat([Buffer.from([0xff, 0xfe]), le]), Buffer.concat([Buffer.from([0xfe, 0xff]), be]), le, be]) {
      const refusal = await refusalOf(bytes);
      assert.equal(refusal?.status, 415);
      assert.match(refusal?.message ?? "", /UTF-16/);
    }
  });
});
