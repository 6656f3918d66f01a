import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { PublicClient } from "viem";
import { noteBlockNumber, recentBlockNumber } from "./recent-block";

function fakeClient(url: string, head: () => bigint) {
  let reads = 0;
  const client = { uid: url, transport: { url }, getBlockNumber: async () => (reads++, head()) } as unknown as PublicClient;
  return { client, reads: () => reads };
}

describe("the claim block", () => {
  it("is a block number seen a moment ago, without asking the chain again", async () => {
    const chain = fakeClient("http://127.0.0.1:1/a", () => 100n);
    assert.equal(await recentBlockNumber(chain.client), 100n);
    noteBlockNumber(chain.client, 105n);
    assert.equal(await recentBlockNumber(chain.client), 105n);
    assert.equal(chain.reads(), 1);
  });

  it("never goes back to an older block", async () => {
    const chain = fakeClient("http://127.0.0.1:1/b", () => 50n);
    noteBlockNumber(chain.client, 60n);
    noteBlockNumber(chain.client, 55n);
    assert.equal(await recentBlockNumber(chain.client), 60n);
  });

  it("is null when the chain cannot be asked", async () => {
    const chain = fakeClient("http://127.0.0.1:1/c", () => {
      throw new Error("down");
    });
    assert.equal(await recentBlockNumber(chain.client), null);
  });
});
