import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { displayUsdc, formatUsdc, parseUsdc } from "./usdc";

describe("formatUsdc", () => {
  it("formats atomic units exactly, with at least two decimals", () => {
    assert.equal(formatUsdc(0n), "0.00");
    assert.equal(formatUsdc(1n), "0.000001");
    assert.equal(formatUsdc(1_500_000n), "1.50");
    assert.equal(formatUsdc(4_990_000n), "4.99");
    assert.equal(formatUsdc(1_234_567n), "1.234567");
    assert.equal(formatUsdc(-250_000n), "-0.25");
  });

  it("stays exact beyond the range of a float", () => {
    assert.equal(formatUsdc(123_456_789_012_345_678_901n), "123456789012345.678901");
  });

  it("labels amounts for display", () => {
    assert.equal(displayUsdc(2_000_000n), "2.00 USDC");
  });
});

describe("parseUsdc", () => {
  it("parses decimals into atomic units without rounding", () => {
    const cases: [string, bigint][] = [
      ["1", 1_000_000n],
      ["1.5", 1_500_000n],
      ["0.000001", 1n],
      [".25", 250_000n],
      ["4.", 4_000_000n],
      [" 19.99 ", 19_990_000n],
      ["0.1", 100_000n],
      ["123456789012345.678901", 123_456_789_012_345_678_901n],
    ];
    for (const [input, atomic] of cases) {
      assert.deepEqual(parseUsdc(input), { ok: true, atomic }, input);
    }
  });

  it("refuses more than 6 decimals instead of rounding", () => {
    const result = parseUsdc("0.0000001");
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.error : "", /6 decimals/);
  });

  it("refuses signs, exponents, separators and empty input", () => {
    for (const input of ["-1", "+1", "1e6", "1,000", "", ".", "abc", "1.2.3", "0x10", "Infinity"]) {
      assert.equal(parseUsdc(input).ok, false, input);
    }
  });

  it("accepts a leading $ and a trailing USDC, as people paste amounts", () => {
    assert.deepEqual(parseUsdc("$3"), { ok: true, atomic: 3_000_000n });
    assert.deepEqual(parseUsdc("$ 0.75"), { ok: true, atomic: 750_000n });
    assert.deepEqual(parseUsdc("3.00 USDC"), { ok: true, atomic: 3_000_000n });
    assert.deepEqual(parseUsdc("$3.5 usdc"), { ok: true, atomic: 3_500_000n });
    for (const input of ["$$3", "3$", "USDC", "$", "3 USD C"]) assert.equal(parseUsdc(input).ok, false, input);
  });

  it("names the reason for each refusal", () => {
    const reasons: [string, string][] = [
      ["", "empty"],
      [" $ ", "empty"],
      ["-1", "negative"],
      ["$-0.5", "negative"],
      ["abc", "not_a_number"],
      ["1e6", "not_a_number"],
      ["3.1234567", "too_many_decimals"],
    ];
    for (const [input, reason] of reasons) {
      const result = parseUsdc(input);
      assert.equal(result.ok ? "ok" : result.reason, reason, input);
    }
  });

  it("round-trips with formatUsdc", () => {
    for (const atomic of [1n, 10n, 999_999n, 1_000_000n, 7_654_321n]) {
      const parsed = parseUsdc(formatUsdc(atomic));
      assert.deepEqual(parsed, { ok: true, atomic });
    }
  });
});
