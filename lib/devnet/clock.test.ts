import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type RunningAnvil, startAnvil } from "@/lib/devnet/anvil";
import { devnetClients } from "@/lib/devnet/deploy";
import { freePort } from "@/lib/testing/free-port";
import { devnetClock } from "./clock";

const unixNow = () => Math.floor(Date.now() / 1000);

describe("the devnet clock (anvil)", () => {
  let anvil: RunningAnvil;
  const client = () => devnetClients(anvil.rpcUrl).publicClient;
  const latest = () => client().getBlock({ blockTag: "latest" });

  before(async () => {
    // A chain an hour behind, brought to the wall clock without a block: anvil after an idle hour.
    anvil = await startAnvil({ port: await freePort(), genesisTimestamp: unixNow() - 3600 });
    await client().request({ method: "evm_mine" } as never);
    await client().request({ method: "evm_setTime", params: [unixNow()] } as never);
  });
  after(() => anvil.stop());

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
