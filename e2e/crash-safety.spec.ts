import { readFileSync } from "node:fs";
import path from "node:path";
import { createPublicClient, http, parseAbiItem } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { generatePaymentId } from "@x402/extensions/payment-identifier";
import { wrapFetchWithSIWx } from "@x402/extensions/sign-in-with-x";
import type { DevnetFile } from "../lib/devnet/devnet-file";
import { isolatedDatabase } from "../lib/testing/isolated-database";
import { type StartedStore, startStore, stopStore } from "../lib/testing/store-process";
import { expect, test } from "./fixtures";
import { chainReader, mintUsdc, paymentRequiredFrom, rebuildPaymentFromChain, signPayment } from "./support/chain";

const devnetOf = (store: StartedStore) => JSON.parse(readFileSync(path.join(store.dataDir, "devnet.json"), "utf8")) as DevnetFile;

async function waitForExit(pid: number) {
  for (let attempt = 0; attempt < 150; attempt++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the store (pid ${pid}) did not exit`);
}

test("the server dies right after broadcasting a settlement: after a restart the receipt is there, the buyer downloads free, one transfer", async () => {
  test.setTimeout(180_000);
  // A store of its own (its own database: PGlite, or PostgreSQL in that pass), told to exit the moment the settlement transaction is sent.
  const database = await isolatedDatabase();
  let store = await startStore({ STOREFRONT_FAULT: "exit-after-settlement-broadcast", DATABASE_URL: database.url });
  try {
    let devnet = devnetOf(store);
    const buyerKey = generatePrivateKey();
    const buyer = privateKeyToAccount(buyerKey);
    await mintUsdc(devnet, buyer.address, 5_000_000n);
    const url = `${store.url}/api/download/midnight-blocks`;
    const offer = paymentRequiredFrom(Object.fromEntries((await fetch(url)).headers));
    const price = BigInt(offer.accepts[0].amount);
    const creator = offer.accepts[0].payTo as `0x${string}`;
    const creatorBefore = await chainReader(devnet).balanceOf(creator);
    const payment = await signPayment({ paymentRequired: offer, payerKey: buyerKey, paymentId: generatePaymentId() });

    const crashed = await fetch(url, { headers: { "payment-signature": payment.header } }).then(
      (response) => response.status,
      () => "connection lost",
    );
    expect(crashed).toBe("connection lost");
    await waitForExit(store.pid);
    expect(store.output()).toContain("fault injection: the server exits at exit-after-settlement-broadcast");

    store = await startStore({ DATABASE_URL: database.url }, { dataDir: store.dataDir });
    devnet = devnetOf(store);
    const chain = chainReader(devnet);
    expect(await chain.authorizationUsed(buyer.address, payment.nonce)).toBe(true);
    const client = createPublicClient({ chain: foundry, transport: http(devnet.rpcUrl) });
    const [used] = await client.getLogs({
      address: devnet.usdc,
      event: parseAbiItem("event AuthorizationUsed(address indexed authorizer, bytes32 indexed nonce)"),
      args: { authorizer: buyer.address, nonce: payment.nonce },
      fromBlock: 0n,
    });

    // The reconciler found the settlement at start: the receipt exists before the buyer comes back.
    await expect.poll(async () => (await fetch(`${store.url}/api/receipts/${used.transactionHash}`)).status, { timeout: 15_000 }).toBe(200);
    expect(store.output()).toMatch(/reconciled pending payments: 1 settled/);

    // Rebuilt from public data alone, the payment gets nothing; the buyer's own header (with its payment id) gets the file.
    const rebuilt = await rebuildPaymentFromChain(devnet, used.transactionHash, offer);
    const replayed = await fetch(`${store.url}/api/download/midnight-blocks`, { headers: { "payment-signature": rebuilt } });
    expect(replayed.status).toBe(402);
    expect(((await replayed.json()) as { error: string }).error).toBe("redelivery_needs_proof");
    const retried = await fetch(`${store.url}/api/download/midnight-blocks`, { headers: { "payment-signature": payment.header } });
    expect(retried.status).toBe(200);
    expect(JSON.parse(Buffer.from(retried.headers.get("payment-response")!, "base64").toString()).transaction).toBe(used.transactionHash);
    await retried.arrayBuffer();
    const again = await wrapFetchWithSIWx(fetch, buyer)(`${store.url}/api/download/midnight-blocks`);
    expect(again.status).toBe(200);
    await again.arrayBuffer();

    expect(await chain.balanceOf(buyer.address)).toBe(5_000_000n - price);
    expect(await chain.balanceOf(creator)).toBe(creatorBefore + price);
  } finally {
    await stopStore(store);
    await database.drop();
  }
});
