import assert from "node:assert/strict";
import { test } from "node:test";
import { readPriceQuery } from "./query";
import { type DiscountRule, quotePrice } from "./quote";

const now = new Date("2026-11-28T00:00:00Z");
const maxAtomic = 1_000_000_000n;
const fixed = { id: "item-1", priceAtomic: 2_500_000n, pwywMinimumAtomic: null };
const pwyw = { id: "item-2", priceAtomic: 2_000_000n, pwywMinimumAtomic: 500_000n };
const rule = (overrides: Partial<DiscountRule> = {}): DiscountRule => ({
  id: "code-1", code: "LAUNCH20", percentOff: 20, amountOffAtomic: null, allItems: true, itemIds: [],
  maxUses: null, uses: 0, expiresAt: null, paused: false, ...overrides,
});
const query = (search: string) => {
  const parsed = readPriceQuery(new URLSearchParams(search));
  assert.ok(parsed.ok, search);
  return parsed.query;
};
const quote = (item: typeof fixed | typeof pwyw, search: string, codeRule: DiscountRule | null = null) =>
  quotePrice({ item, query: query(search), rule: codeRule, now, maxAtomic });

test("a fixed price without a query is the price", () => {
  assert.deepEqual(quote(fixed, ""), { ok: true, quote: { amountAtomic: 2_500_000n, discount: null } });
});

test("a percent code takes its share off a fixed price, rounding the discount down", () => {
  assert.deepEqual(quote(fixed, "code=launch20", rule()), { ok: true, quote: { amountAtomic: 2_000_000n, discount: { codeId: "code-1", code: "LAUNCH20", discountAtomic: 500_000n } } });
  const odd = { ...fixed, priceAtomic: 7n };
  assert.deepEqual(quotePrice({ item: odd, query: query("code=x-1"), rule: rule({ percentOff: 50 }), now, maxAtomic }), { ok: true, quote: { amountAtomic: 4n, discount: { codeId: "code-1", code: "LAUNCH20", discountAtomic: 3n } } });
});

test("a fixed-amount code never goes below 0; 100 % off is free", () => {
  const result = quote(fixed, "code=BIG", rule({ percentOff: null, amountOffAtomic: 9_000_000n }));
  assert.ok(result.ok && result.quote.amountAtomic === 0n && result.quote.discount?.discountAtomic === 2_500_000n);
  const free = quote(fixed, "code=FREE", rule({ percentOff: 100 }));
  assert.ok(free.ok && free.quote.amountAtomic === 0n);
});

test("unknown, paused, other-item, expired and used-up codes each have their reason", () => {
  assert.deepEqual(quote(fixed, "code=NOPE", null), { ok: false, reason: "discount_code_invalid" });
  assert.deepEqual(quote(fixed, "code=LAUNCH20", rule({ paused: true })), { ok: false, reason: "discount_code_invalid" });
  assert.deepEqual(quote(fixed, "code=LAUNCH20", rule({ allItems: false, itemIds: ["other"] })), { ok: false, reason: "discount_code_invalid" });
  assert.ok(quote(fixed, "code=LAUNCH20", rule({ allItems: false, itemIds: ["item-1"] })).ok);
  assert.deepEqual(quote(fixed, "code=LAUNCH20", rule({ expiresAt: now })), { ok: false, reason: "discount_code_expired" });
  assert.deepEqual(quote(fixed, "code=LAUNCH20", rule({ maxUses: 3, uses: 3 })), { ok: false, reason: "discount_code_exhausted" });
  assert.ok(quote(fixed, "code=LAUNCH20", rule({ maxUses: 3, uses: 2, expiresAt: new Date(now.getTime() + 1) })).ok);
});

test("malformed codes are refused before any lookup; an empty code is no code", () => {
  for (const code of ["ab", "a".repeat(33), "SPACE CODE", "ÜBER", "x_y"]) {
    assert.deepEqual(readPriceQuery(new URLSearchParams({ code })), { ok: false, reason: "discount_code_invalid" }, code);
  }
  assert.deepEqual(readPriceQuery(new URLSearchParams("code=")), { ok: true, query: { code: null, amountAtomic: null } });
});

test("a fixed-price item refuses a chosen amount", () => {
  assert.deepEqual(quote(fixed, "amount=2.50"), { ok: false, reason: "invalid_amount" });
});

test("pay what you want: the chosen amount exactly, the suggestion by default, the minimum enforced", () => {
  assert.deepEqual(quote(pwyw, "amount=3.50"), { ok: true, quote: { amountAtomic: 3_500_000n, discount: null } });
  assert.deepEqual(quote(pwyw, "amount=0.000001&code="), { ok: false, reason: "amount_below_minimum" });
  assert.deepEqual(quote(pwyw, ""), { ok: true, quote: { amountAtomic: 2_000_000n, discount: null } });
  assert.deepEqual(quote(pwyw, "amount=0.5"), { ok: true, quote: { amountAtomic: 500_000n, discount: null } });
  assert.deepEqual(quote(pwyw, "amount=0.499999"), { ok: false, reason: "amount_below_minimum" });
  assert.deepEqual(quote(pwyw, "amount=1000.000001"), { ok: false, reason: "invalid_amount" });
  assert.ok(quote(pwyw, "amount=1000").ok);
});

test("malformed amounts are invalid_amount, never rounded", () => {
  for (const amount of ["", "abc", "1e3", "-1", "+1", "1.", ".5", "1.0000001", "0x10", "1,5", "$3", "3 USDC", "Infinity", "NaN", "9".repeat(16)]) {
    assert.deepEqual(readPriceQuery(new URLSearchParams({ amount })), { ok: false, reason: "invalid_amount" }, amount);
  }
  assert.deepEqual(readPriceQuery(new URLSearchParams("amount=0.000001")), { ok: true, query: { code: null, amountAtomic: 1n } });
});

test("a code lowers a pay-what-you-want minimum, not the chosen amount", () => {
  assert.deepEqual(quote(pwyw, "amount=0.40&code=LAUNCH20", rule()), { ok: true, quote: { amountAtomic: 400_000n, discount: { codeId: "code-1", code: "LAUNCH20", discountAtomic: 100_000n } } });
  assert.deepEqual(quote(pwyw, "amount=0.39&code=LAUNCH20", rule()), { ok: false, reason: "amount_below_minimum" });
  assert.deepEqual(quote(pwyw, "code=LAUNCH20", rule()), { ok: true, quote: { amountAtomic: 2_000_000n, discount: { codeId: "code-1", code: "LAUNCH20", discountAtomic: 100_000n } } });
  const zeroMinimum = { ...pwyw, pwywMinimumAtomic: 0n };
  assert.deepEqual(quotePrice({ item: zeroMinimum, query: query("amount=0"), rule: null, now, maxAtomic }), { ok: true, quote: { amountAtomic: 0n, discount: null } });
});
