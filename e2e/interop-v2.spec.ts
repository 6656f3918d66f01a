import { createTestClient, http } from "viem";
import { foundry } from "viem/chains";
import { type RunningAnvil, startAnvil } from "../lib/devnet/anvil";
import { devnetClients } from "../lib/devnet/deploy";
import { readDevnetFile } from "../lib/devnet/devnet-file";
import { freePort } from "../lib/testing/free-port";
import { type IsolatedDatabase, isolatedDatabase } from "../lib/testing/isolated-database";
import { type StartedStore, startStore, stopStore } from "../lib/testing/store-process";
import { expect, test } from "./fixtures";
import { paymentRequiredFrom } from "./support/chain";
import { catalogItem, expectPaidDelivery, freshBuyer } from "./support/interop";
import { payWithDexter, payWithFaremeter, payWithX402Axios, payWithX402Fetch } from "./support/interop-clients";

// Clients other people wrote, as their users install them (exact versions in package.json), each
// set up as its README says (e2e/support/interop-clients.ts), against the devnet store (chain
// 31337, its test USDC), each with a fresh wallet: status 200, the catalog's bytes, and exactly
// the price moved from the buyer to the item's payTo.

const HOUR = 3600;
const unixNow = () => Math.floor(Date.now() / 1000);

test.describe("@x402/fetch 2.27 (x402Client + ExactEvmScheme)", () => {
  test("buys a single file", async ({ store }) => {
    const item = await catalogItem(store.url, "the-gasless-economy");
    const buyer = await freshBuyer(store.devnet);
    await expectPaidDelivery({ devnet: store.devnet, item, buyer: buyer.address, pay: payWithX402Fetch(store.devnet, buyer.privateKey) });
  });

  test("buys a multi-file item as one ZIP", async ({ store }) => {
    const item = await catalogItem(store.url, "building-for-agents");
    expect(item.files.length).toBeGreaterThan(1);
    const buyer = await freshBuyer(store.devnet);
    await expectPaidDelivery({ devnet: store.devnet, item, buyer: buyer.address, pay: payWithX402Fetch(store.devnet, buyer.privateKey) });
  });
});

test.describe("@x402/axios 2.11 (its own @x402/core 2.11)", () => {
  test("buys a single file", async ({ store }) => {
    const item = await catalogItem(store.url, "sine-of-the-times");
    const buyer = await freshBuyer(store.devnet);
    await expectPaidDelivery({ devnet: store.devnet, item, buyer: buyer.address, pay: payWithX402Axios(store.devnet, buyer.privateKey) });
  });
});

test.describe("@faremeter/fetch 0.22 with @faremeter/payment-evm 0.22", () => {
  test("buys a single file and a multi-file ZIP", async ({ store }) => {
    const buyer = await freshBuyer(store.devnet);
    const pay = await payWithFaremeter(store.devnet, buyer.privateKey);
    for (const slug of ["field-notes-on-stablecoins", "typed-data-from-scratch"]) {
      await expectPaidDelivery({ devnet: store.devnet, item: await catalogItem(store.url, slug), buyer: buyer.address, pay });
    }
  });

  // Faremeter signs validAfter = now - 60, and anvil left idle keeps an older latest block. An hour
  // of idling without waiting, as e2e/devnet-clock.spec.ts does for a hand-signed payment: a chain
  // started an hour behind, brought to the wall clock without mining a block (evm_setTime).
  test.describe("on a devnet that sat idle for an hour", () => {
    let anvil: RunningAnvil;
    let database: IsolatedDatabase;
    let idleStore: StartedStore;
    test.beforeAll(async ({}, testInfo) => {
      testInfo.setTimeout(120_000);
      anvil = await startAnvil({ port: await freePort(), genesisTimestamp: unixNow() - HOUR });
      database = await isolatedDatabase();
      idleStore = await startStore({ RPC_URL: anvil.rpcUrl, DATABASE_URL: database.url });
    });
    test.afterAll(async () => {
      await stopStore(idleStore);
      await anvil.stop();
      await database.drop();
    });

    test("buys a file with its first signature", async () => {
      const devnet = readDevnetFile(idleStore.dataDir);
      // Funded (a block) before the chain's clock meets the wall clock: no block after that.
      const buyer = await freshBuyer(devnet);
      const statuses: number[] = [];
      const pay = await payWithFaremeter(devnet, buyer.privateKey, async (input, init) => {
        const response = await fetch(input, init);
        statuses.push(response.status);
        return response;
      });
      await createTestClient({ mode: "anvil", chain: foundry, transport: http(anvil.rpcUrl) }).request({ method: "evm_setTime", params: [unixNow()] } as never);
      const { publicClient } = devnetClients(anvil.rpcUrl);
      expect(unixNow() - Number((await publicClient.getBlock({ blockTag: "latest" })).timestamp)).toBeGreaterThan(HOUR - 120);

      await expectPaidDelivery({ devnet, item: await catalogItem(idleStore.url, "midnight-blocks"), buyer: buyer.address, pay });
      // Faremeter signs anew and retries after a refused payment (up to 3 times): one 402, then the file.
      expect(statuses).toEqual([402, 200]);
    });
  });
});

test.describe("@dexterai/x402 2.0 (wrapFetch with an EVM key)", () => {
  test("buys a single file (it needs the 402 to name the token's decimals)", async ({ store }) => {
    const item = await catalogItem(store.url, "midnight-blocks");
    // Dexter knows the decimals of a few USDC deployments only; for any other token it refuses to pay without them.
    const [offer] = paymentRequiredFrom(Object.fromEntries((await fetch(item.downloadUrl)).headers)).accepts;
    expect(offer.extra).toMatchObject({ name: "USD Coin", version: "2", decimals: 6 });
    const buyer = await freshBuyer(store.devnet);
    await expectPaidDelivery({ devnet: store.devnet, item, buyer: buyer.address, pay: payWithDexter(store.devnet, buyer.privateKey) });
  });
});
