import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { recentCode } from "./recent-code";

const PAYER = "0x00000000000000000000000000000000000000aa";

describe("the embedded facilitator's eth_getCode", () => {
  it("reads a payer's code once for the four questions a payment asks", async () => {
    let reads = 0;
    const codeOf = recentCode(async () => {
      reads++;
      return "0x";
    });
    const answers = await Promise.all([codeOf(PAYER), codeOf(PAYER), codeOf(PAYER.toUpperCase().replace("0X", "0x") as `0x${string}`), codeOf(PAYER)]);
    assert.deepEqual(answers, ["0x", "0x", "0x", "0x"]);
    assert.equal(reads, 1);
  });

  it("does not remember a failed read", async () => {
    let reads = 0;
    const codeOf = recentCode(async () => {
      reads++;
      if (reads === 1) throw new Error("RPC down");
      return "0x";
    });
    await assert.rejects(codeOf(PAYER));
    assert.equal(await codeOf(PAYER), "0x");
    assert.equal(reads, 2);
  });
});
