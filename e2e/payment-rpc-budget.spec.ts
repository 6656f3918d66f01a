import type { PrivateKeyAccount } from "viem/accounts";
import { type RunningAnvil, startAnvil } from "../lib/devnet/anvil";
import { type DevnetFile, readDevnetFile } from "../lib/devnet/devnet-file";
import { freePort } from "../lib/testing/free-port";
import { type IsolatedDatabase, isolatedDatabase } from "../lib/testing/isolated-database";
import { type StartedStore, startStore, stopStore } from "../lib/testing/store-process";
import { createPayingFetch } from "../lib/x402/paying-fetch";
import { expect, test } from "./fixtures";
import { fundedBuyerKey } from "./support/chain";
import { startRpcProxy } from "./support/rpc-proxy";

// What a good payment costs the chain: every RPC call of the store passes a counter. The official
// libraries' own server spends about 10 per payment on the devnet (npm run bench -- --only=payments),
// four of them eth_getCode of the payer; the store spends at most 5 besides waiting for the receipt.
const PAYMENTS = 4;
const PRICE_CAP = 10_000_000n;

test.describe("RPC calls per payment", () => {
  let anvil: RunningAnvil;
  let rpc: Awaited<ReturnType<typeof startRpcProxy>>;
  let store: StartedStore;
  let database: IsolatedDatabase;
  let devnet: DevnetFile;

  test.beforeAll(async () => {
    anvil = await startAnvil({ port: await freePort() });
    rpc = await startRpcProxy(anvil.rpcUrl);
    database = await isolatedDatabase();
    store = await startStore({ RPC_URL: rpc.url, DATABASE_URL: database.url });
    devnet = readDevnetFile(store.dataDir);
  });
  test.afterAll(async () => {
    await stopStore(store);
    await database.drop();
    await rpc.stop();
    await anvil.stop();
  });

  test("a fresh buyer's payment reads the payer's code once, the chain's clock not at all, and sends one transaction", async () => {
    test.setTimeout(120_000);
    const url = `${store.url}/api/download/midnight-blocks`;
    // Funded one after the other: the token owner's transactions need their nonces in order.
    const buyers = [];
    for (let index = 0; index <= PAYMENTS; index++) buyers.push(await fundedBuyerKey(devnet, PRICE_CAP));
    const pay = (buyer: { account: PrivateKeyAccount }) =>
      createPayingFetch({ signer: buyer.account, network: devnet.network, asset: devnet.usdc, maxAtomicPerPayment: PRICE_CAP })(url);
    // The first payment also sets the paywall up (token domain, facilitator) and looks at the clock once.
    expect((await pay(buyers[0])).status).toBe(200);
    const before = rpc.count();
    for (const buyer of buyers.slice(1)) {
      const response = await pay(buyer);
      expect(response.status).toBe(200);
      await response.arrayBuffer();
    }
    const methods = rpc.since(before);
    const count = (method: string) => methods.filter((called) => called === method).length;
    expect(count("eth_getCode")).toBeLessThanOrEqual(PAYMENTS);
    expect(count("eth_getBlockByNumber")).toBe(0);
    expect(count("eth_sendRawTransaction")).toBe(PAYMENTS);
    // Waiting for the receipt polls as often as the block takes to land: not counted here.
    const waiting = ["eth_getTransactionReceipt", "eth_blockNumber", "eth_getTransactionByHash"];
    const work = methods.filter((method) => !waiting.includes(method));
    expect(work.length, work.join(", ")).toBeLessThanOrEqual(5 * PAYMENTS);
  });
});
