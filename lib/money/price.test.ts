import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MAX_PRICE_ATOMIC, priceSchema } from "./price";

// What creators type into the studio's price field, and what the item then costs in atomic units.
describe("priceSchema", () => {
  it("accepts prices as people write them, exactly", () => {
    const cases: [string, bigint][] = [
      ["$3", 3_000_000n],
      ["3", 3_000_000n],
      ["3.00", 3_000_000n],
      ["3.5", 3_500_000n],
      ["0.75", 750_000n],
      ["$ 4.99", 4_990_000n],
      ["4.99 USDC", 4_990_000n],
      ["0.000001", 1n],
    ];
    for (const [input, atomic] of cases) {
      const parsed = priceSchema.safeParse(input);
      assert.ok(parsed.success, input);
      assert.equal(parsed.data, atomic, input);
      assert.equal(typeof parsed.data, "bigint");
    }
  });

  it("refuses with a message that says what is wrong with this price", () => {
    const cases: [string, RegExp][] = [
      ["3.1234567", /^USDC has 6 decimals; 3\.1234567 has 7\.$/],
      ["-1", /^The price cannot be negative\.$/],
      ["$-1", /^The price cannot be negative\.$/],
      ["abc", /^Enter a price like 4\.99 or \$4\.99/],
      ["", /^Enter a price, for example 4\.99\.$/],
      ["   ", /^Enter a price, for example 4\.99\.$/],
      ["0", /^The price must be more than 0 USDC\.$/],
      ["$0.00", /^The price must be more than 0 USDC\.$/],
      ["1000000.000001", /^The price may be at most 1,000,000 USDC\.$/],
    ];
    for (const [input, message] of cases) {
      const parsed = priceSchema.safeParse(input);
      assert.equal(parsed.success, false, input);
      assert.equal(parsed.error?.issues.length, 1, input);
      assert.match(parsed.error!.issues[0].message, message, input);
    }
  });

  it("allows the maximum itself", () => {
    assert.equal(priceSchema.parse("1000000"), MAX_PRICE_ATOMIC);
  });
});
