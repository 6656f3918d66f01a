import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkExtensionFits } from "./file-extension";

describe("checkExtensionFits", () => {
  it("accepts the extensions of the sniffed type, in any case", () => {
    for (const [name, type] of [
      ["book.pdf", "application/pdf"],
      ["Book.PDF", "application/pdf"],
      ["notes.md", "text/plain"],
      ["data.csv", "text/plain"],
      ["song.mp3", "audio/mpeg"],
      ["photo.jpeg", "image/jpeg"],
      ["photo.JPG", "image/jpeg"],
      ["track.m4a", "audio/mp4"],
      ["archive.tar.zip", "application/zip"],
    ]) {
      assert.deepEqual(checkExtensionFits(name, type), { ok: true }, name);
    }
  });

  it("refuses a missing or foreign extension, naming the type and what would fit", () => {
    for (const [name, type] of [
      ["run.js", "text/plain"],
      ["run.bat", "text/plain"],
      ["page.html", "text/plain"],
      ["drawing.svg", "text/plain"],
      ["data.json", "text/plain"],
      ["report.pdf", "text/plain"],
      ["notes", "text/plain"],
      ["notes.", "text/plain"],
      ["book.exe", "application/pdf"],
      ["book.pdf.exe", "application/pdf"],
      ["song.pdf", "audio/mpeg"],
    ]) {
      const check = checkExtensionFits(name, type);
      assert.equal(check.ok, false, name);
      assert.ok(!check.ok && check.message.includes(type), name);
    }
    const text = checkExtensionFits("run.js", "text/plain");
    assert.equal(!text.ok && text.message, 'This file\'s content is text/plain, so its name must end in .txt, .text, .md, .markdown, .csv, .tsv, .srt, .vtt; "run.js" does not.');
  });
});
