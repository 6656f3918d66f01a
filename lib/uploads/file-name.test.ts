import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkFileName } from "./file-name";

describe("checkFileName", () => {
  it("keeps ordinary names, decoded and normalised, as buyers will see them", () => {
    assert.deepEqual(checkFileName("01%20Intro.pdf"), { ok: true, name: "01 Intro.pdf" });
    assert.deepEqual(checkFileName(encodeURIComponent("Café — Track 2.wav")), { ok: true, name: "Café — Track 2.wav" });
    assert.deepEqual(checkFileName(encodeURIComponent("Cafe\u0301.pdf")), { ok: true, name: "Café.pdf" });
  });

  it("refuses paths, hidden files, control and reserved characters, and missing or overlong names, saying why", () => {
    const refused: [string | null, RegExp][] = [
      [null, /Name the file/],
      ["", /empty/],
      ["%20%20", /empty/],
      ["..%2Fetc%2Fpasswd", /path/],
      ["a%5Cb.pdf", /path/],
      [".env", /dot/],
      ["..", /dot/],
      ["a%00b.pdf", /control/],
      ["line%0Abreak.pdf", /control/],
      ["what%3F.pdf", /< > :/],
      ["%E0%A4%A", /URL-encoded/],
      ["x".repeat(181), /180/],
      ["line%E2%80%A8break.pdf", /line breaks/],
      // Bidi controls and invisible characters (Unicode Cf), which make a name read as another.
      [encodeURIComponent("invoice\u202Efdp.exe"), /invisible formatting/],
      [encodeURIComponent("book\u200B.pdf"), /invisible formatting/],
      [encodeURIComponent("\uFEFFbook.pdf"), /invisible formatting/],
      [encodeURIComponent("book.pdf\uFEFF"), /invisible formatting/],
      [encodeURIComponent("book\u2067.pdf"), /invisible formatting/],
      [encodeURIComponent("book\u{E0041}.pdf"), /invisible formatting/],
    ];
    for (const [raw, reason] of refused) {
      const result = checkFileName(raw);
      assert.equal(result.ok, false, String(raw));
      assert.match((result as { message: string }).message, reason, String(raw));
    }
  });
});
