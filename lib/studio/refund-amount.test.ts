import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkRefundAmount } from "./refund-amount";

const sale = { paidAtomic: 3_000_000n, refundedAtomic: 1_000_000n };

describe("refund amount typed in the studio", () => {
  it("accepts up to what is left of the payment", () => {
    assert.deepEqual(checkRefundAmount("2", sale), { ok: true, atomic: 2_000_000n });
    assert.deepEqual(checkRefundAmount("0.000001", sale), { ok: true, atomic: 1n });
  });

  it("refuses more than is left, naming what was paid and refunded", () => {
    const result = checkRefundAmount("2.000001", sale);
    assert.equal(result.ok, false);
    assert.match((result as { message: string }).message, /at most 2\.00 USDC: the buyer paid 3\.00 and 1\.00 is already refunded/);
  });

  it("refuses zero, negative and malformed amounts", () => {
    for (const input of ["0", "-1", "abc", "1.0000001", ""]) assert.equal(checkRefundAmount(input, sale).ok, false, input);
  });
});
