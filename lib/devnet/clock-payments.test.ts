import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createPublicClient, custom } from "viem";
import { type RunningAnvil, startAnvil } from "@/lib/devnet/anvil";
import { devnetClients } from "@/lib/devnet/deploy";
import { freePort } from "@/lib/testing/free-port";
import { devnetClock } from "./clock";

const unixNow = () => Math.floor(Date.now() / 1000);

// The paid path's use of the clock: one look at the chain, then none for payments valid since an
// earlier time; a payment valid only from later than any block seen still gets its block.
describe("the devnet clock, given each payment's validAfter", () => {
  let anvil: RunningAnvil;
  const client = () => devnetClients(anvil.rpcUrl).publicClient;
  const latest = () => client().getBlock({ blockTag: "latest" });

  before(async () => {
    anvil = await startAnvil({ port: await freePort(), genesisTimestamp: unixNow() - 3600 });
    await client().request({ method: "evm_mine" } as never);
    await client().request({ method: "evm_setTime", params: [unixNow()] } as never);
  });
  after(() => anvil.stop());

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
