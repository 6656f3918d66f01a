import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MAX_FILE_TITLE_LENGTH, fileTitleSchema } from "./file-title";

describe("fileTitleSchema", () => {
  it("trims, and stores an empty or blank title as null (the outline shows the file name)", () => {
    assert.equal(fileTitleSchema.parse("  Lesson 1: Welcome  "), "Lesson 1: Welcome");
    assert.equal(fileTitleSchema.parse(""), null);
    assert.equal(fileTitleSchema.parse("   "), null);
    assert.equal(fileTitleSchema.parse(null), null);
  });

  it("bounds the length and refuses line breaks and control characters", () => {
    assert.equal(fileTitleSchema.parse("x".repeat(MAX_FILE_TITLE_LENGTH)), "x".repeat(MAX_FILE_TITLE_LENGTH));
    for (const input of ["x".repeat(MAX_FILE_TITLE_LENGTH + 1), "One\nTwo", "Tab\there", "Bell\u0007"]) {
      assert.equal(fileTitleSchema.safeParse(input).success, false, JSON.stringify(input));
    }
    assert.equal(fileTitleSchema.safeParse(42).success, false);
  });
});
