import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestClient, http } from "viem";
import { foundry } from "viem/chains";
import { type RunningAnvil, startAnvil } from "../lib/devnet/anvil";
import { devnetClients, prepareDevnet } from "../lib/devnet/deploy";
import { readDevnetFile } from "../lib/devnet/devnet-file";
import { freePort } from "../lib/testing/free-port";
import { type IsolatedDatabase, isolatedDatabase } from "../lib/testing/isolated-database";
import { type StartedStore, startStore, stopStore } from "../lib/testing/store-process";
import { expect, test } from "./fixtures";
import { chainReader, paymentRequiredFrom, signPayment } from "./support/chain";

// Anvil without interval mining keeps its last block's timestamp while idle, and eth_call at
// "latest" runs with that timestamp. An hour of idling is reproduced without waiting: a chain
// whose clock ran an hour behind (genesis in the past) is brought to the wall clock without mining
// (evm_setTime), or is saved and restarted (anvil restarts on the wall clock). Either way the
// latest block is an hour old and the next block gets the wall-clock time — what an hour of idle
// anvil is (measured: eth_call sees the old timestamp, "pending" and the next block see now).
const HOUR = 3600;
const unixNow = () => Math.floor(Date.now() / 1000);

async function latestBlockAge(rpcUrl: string) {
  const { publicClient } = devnetClients(rpcUrl);
  return unixNow() - Number((await publicClient.getBlock({ blockTag: "latest" })).timestamp);
}

/** Pays with a client that signs `validAfter = now - 60` (as Faremeter does); the payment must go through at once. */
async function payWithNearNowValidAfter(store: StartedStore) {
  const devnet = readDevnetFile(store.dataDir);
  const chain = chainReader(devnet);
  const buyer = devnet.buyers[1];
  const url = `${store.url}/api/download/midnight-blocks`;
  const paymentRequired = paymentRequiredFrom(Object.fromEntries((await fetch(url)).headers));
  const price = BigInt(paymentRequired.accepts[0].amount);
  const payTo = paymentRequired.accepts[0].payTo as `0x${string}`;
  const [buyerBefore, payToBefore] = [await chain.balanceOf(buyer.address), await chain.balanceOf(payTo)];

  const { header, nonce } = await signPayment({ paymentRequired, payerKey: buyer.privateKey, tamper: { validAfter: BigInt(unixNow() - 60) } });
  const response = await fetch(url, { headers: { "payment-signature": header } });
  const refusal = response.status === 402 ? paymentRequiredFrom(Object.fromEntries(response.headers)).error : undefined;
  expect([response.status, refusal]).toEqual([200, undefined]);
  await response.arrayBuffer();
  expect(await chain.authorizationUsed(buyer.address, nonce)).toBe(true);
  expect(await chain.balanceOf(buyer.address)).toBe(buyerBefore - price);
  expect(await chain.balanceOf(payTo)).toBe(payToBefore + price);
}

test.describe("a devnet that sat idle for an hour", () => {
  let anvil: RunningAnvil;
  let database: IsolatedDatabase;
  let store: StartedStore;

  test.beforeAll(async ({}, testInfo) => {
    testInfo.setTimeout(120_000);
    anvil = await startAnvil({ port: await freePort(), genesisTimestamp: unixNow() - HOUR });
    database = await isolatedDatabase();
    store = await startStore({ RPC_URL: anvil.rpcUrl, DATABASE_URL: database.url });
  });
  test.afterAll(async () => {
    await stopStore(store);
    await anvil.stop();
    await database.drop();
  });

  test("a payment signed with validAfter = now - 60 goes through on the first try; the balance moves once", async () => {
    // The store set itself up on a chain an hour behind; now the chain's clock meets the wall clock
    // without a block, exactly as an anvil left idle for an hour.
    await createTestClient({ mode: "anvil", chain: foundry, transport: http(anvil.rpcUrl) }).request({ method: "evm_setTime", params: [unixNow()] } as never);
    expect(await latestBlockAge(anvil.rpcUrl)).toBeGreaterThan(HOUR - 120);
    await payWithNearNowValidAfter(store);
  });
});

test.describe("a devnet restarted on chain state saved an hour ago", () => {
  let dataDir: string;
  let database: IsolatedDatabase;
  let store: StartedStore | undefined;

  test.beforeAll(async ({}, testInfo) => {
    testInfo.setTimeout(120_000);
    // The chain state a store left behind an hour ago: test USDC deployed, buyers funded, saved on exit.
    dataDir = mkdtempSync(path.join(tmpdir(), "storefront-e2e-clock-"));
    const earlier = await startAnvil({ port: await freePort(), statePath: path.join(dataDir, "anvil-state.json"), genesisTimestamp: unixNow() - HOUR });
    await prepareDevnet(earlier.rpcUrl);
    expect(await latestBlockAge(earlier.rpcUrl)).toBeGreaterThan(HOUR - 120);
    await earlier.stop();
    database = await isolatedDatabase();
  });
  test.afterAll(async () => {
    if (store) await stopStore(store);
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("the store starts its anvil on that state; a payment signed with validAfter = now - 60 goes through at once", async () => {
    store = await startStore({ DATABASE_URL: database.url }, { dataDir });
    await payWithNearNowValidAfter(store);
  });
});
