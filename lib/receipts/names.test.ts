import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { networkName, receiptNumber, shortAddress } from "./names";

describe("names for people on checkout and receipts", () => {
  it("names the store's networks and leaves unknown ids as they are", () => {
    assert.equal(networkName("eip155:31337"), "x402 Storefront devnet");
    assert.equal(networkName("eip155:84532"), "Base Sepolia");
    assert.equal(networkName("eip155:8453"), "Base");
    assert.equal(networkName("eip155:1"), "eip155:1");
    assert.equal(networkName("solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp"), "solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp");
  });

  it("numbers a receipt from its transaction hash and shortens addresses", () => {
    assert.equal(receiptNumber(`0xabcdef012345${"0".repeat(52)}`), "XS-ABCD-EF01-2345");
    assert.equal(shortAddress("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"), "0x7099…79C8");
  });
});
