import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createPublicClient, custom } from "viem";
import { type RunningAnvil, startAnvil } from "@/lib/devnet/anvil";
import { devnetClients } from "@/lib/devnet/deploy";
import { freePort } from "@/lib/testing/free-port";
import { devnetClock } from "./clock";

const unixNow = () => Math.floor(Date.now() / 1000);

/** A chain an hour behind, brought to the wall clock without a block: anvil after an idle hour. One per describe. */
function idleChain() {
  let anvil: RunningAnvil;
  const client = () => devnetClients(anvil.rpcUrl).publicClient;
  before(async () => {
    anvil = await startAnvil({ port: await freePort(), genesisTimestamp: unixNow() - 3600 });
    await client().request({ method: "evm_mine" } as never);
    await client().request({ method: "evm_setTime", params: [unixNow()] } as never);
  });
  after(() => anvil.stop());
  return { client, latest: () => client().getBlock({ blockTag: "latest" }) };
}

describe("the devnet clock (anvil)", () => {
  const { client, latest } = idleChain();

  it("mines one block at the wall-clock time when the last one is old, however many payments wait", async () => {
    const before = await latest();
    assert.ok(unixNow() - Number(before.timestamp) > 3500);
    const ready = devnetClock(client());
    await Promise.all([ready(), ready(), ready()]);
    const after = await latest();
    assert.equal(after.number, before.number + 1n);
    assert.ok(Math.abs(Number(after.timestamp) - unixNow()) <= 1);
  });

  it("mines nothing while the chain is fresh", async () => {
    const ready = devnetClock(client());
    await ready();
    const before = await latest();
    await ready();
    assert.equal((await latest()).number, before.number);
  });
});

// The paid path's use of the clock: one look at the chain, then none for payments valid since an
// earlier time; a payment valid only from later than any block seen still gets its block.
describe("the devnet clock, given each payment's validAfter", () => {
  const { client, latest } = idleChain();

  it("asks the chain once, then not again for authorizations valid since before the block it saw", async () => {
    let calls = 0;
    const counted = createPublicClient({
      transport: custom({
        request: ({ method, params }) => {
          calls++;
          return client().request({ method, params } as never);
        },
      }),
    });
    const ready = devnetClock(counted);
    await ready(BigInt(unixNow() - 600));
    const afterFirst = calls;
    assert.ok(afterFirst >= 1);
    await Promise.all([ready(BigInt(unixNow() - 600)), ready(BigInt(unixNow() - 60)), ready(BigInt(unixNow() - 5))]);
    assert.equal(calls, afterFirst);
  });

  it("still mines a block for an authorization valid only from after the last block", async () => {
    const ready = devnetClock(client());
    await ready(BigInt(unixNow() - 600));
    // The chain sits idle past the next authorization's validAfter.
    await new Promise((resolve) => setTimeout(resolve, 3200));
    const before = await latest();
    const validAfter = before.timestamp + 1n;
    await ready(validAfter);
    const after = await latest();
    assert.ok(after.timestamp > validAfter, `block at ${after.timestamp}, payment valid after ${validAfter}`);
  });
});
