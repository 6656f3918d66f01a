import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { makePdf } from "@/lib/demo/pdf";
import { makeWav } from "@/lib/demo/wav";
import { sniffType } from "./sniff-type";

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

describe("sniffType", () => {
  it("names files by their content", async () => {
    const pdf = await makePdf({ title: "T", author: "A", chapters: [{ heading: "H", paragraphs: ["p"] }] });
    assert.equal(await sniffType(pdf.subarray(0, 4100), "item-file"), "application/pdf");
    assert.equal(await sniffType(makeWav({ notes: [440], noteSeconds: 0.05 }).subarray(0, 4100), "item-file"), "audio/wav");
    assert.equal(await sniffType(PNG, "cover"), "image/png");
    assert.equal(await sniffType(new TextEncoder().encode("# Lesson notes\nplain UTF-8 — ok"), "item-file"), "text/plain");
  });

  it("refuses executables, binary junk, and anything but an image as a cover", async () => {
    assert.equal(await sniffType(Buffer.concat([Buffer.from("7f454c46", "hex"), Buffer.alloc(60)]), "item-file"), null);
    assert.equal(await sniffType(Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 0]), "item-file"), null);
    assert.equal(await sniffType(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'), "cover"), null);
    for (const markup of ["<!doctype html><script>alert(1)</script>", "\uFEFF  <html>", '<?xml version="1.0"?><svg/>']) {
      assert.equal(await sniffType(new TextEncoder().encode(markup), "item-file"), null, markup);
    }
    const pdf = await makePdf({ title: "T", author: "A", chapters: [] });
    assert.equal(await sniffType(pdf.subarray(0, 4100), "cover"), null);
  });
});
