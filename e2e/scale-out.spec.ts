import path from "node:path";
import { decodePaymentResponseHeader } from "@x402/core/http";
import { generatePaymentId } from "@x402/extensions/payment-identifier";
import { wrapFetchWithSIWx } from "@x402/extensions/sign-in-with-x";
import { privateKeyToAccount } from "viem/accounts";
import { SECOND_FACILITATOR } from "../lib/devnet/accounts";
import { NO_RATE_LIMITS, type StartedStore, startStore, stopStore } from "../lib/testing/store-process";
import { createPayingFetch } from "../lib/x402/paying-fetch";
import { expect, test } from "./fixtures";
import { chainReader, fundFreshBuyers, paymentRequiredFrom, signPayment } from "./support/chain";

// A second server process on the suite's PostgreSQL database, chain and files, with no sticky
// routing between the two. PGlite is one process by design, so this runs in the PostgreSQL pass.
test.describe("two server processes on one PostgreSQL database", () => {
  test.skip(!process.env.DATABASE_URL, "needs PostgreSQL (the suite's second pass)");
  let second: StartedStore;

  test.beforeAll(async ({}, testInfo) => {
    testInfo.setTimeout(120_000);
    const devnet = JSON.parse(process.env.E2E_DEVNET!);
    second = await startStore({
      ...NO_RATE_LIMITS,
      RPC_URL: devnet.rpcUrl,
      STORAGE_DIR: path.join(process.env.E2E_DATA_DIR!, "files"),
      FACILITATOR_PRIVATE_KEY: SECOND_FACILITATOR.privateKey,
    });
  });
  test.afterAll(async () => stopStore(second));

  test("one payment sent to both at once: one transfer, one receipt, each copy the file, 'settlement pending' or a refusal asking for no new payment", async ({ store }) => {
    const chain = chainReader(store.devnet);
    const [buyerKey] = [store.devnet.buyers[0].privateKey];
    const urls = [store.url, second.url].map((origin) => `${origin}/api/download/the-gasless-economy`);
    const paymentRequired = paymentRequiredFrom(Object.fromEntries((await fetch(urls[0])).headers));
    const { header, payer, nonce } = await signPayment({ paymentRequired, payerKey: buyerKey, paymentId: generatePaymentId() });
    const before = await chain.balanceOf(payer);

    const responses = await Promise.all(Array.from({ length: 40 }, (_, index) => fetch(urls[index % 2], { headers: { "payment-signature": header } })));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status !== 200 && status !== 503 && status !== 402)).toEqual([]);
    expect(statuses).toContain(200);
    // The first delivery and at most five more by the header; past that the header asks for Sign-In-With-X.
    expect(statuses.filter((status) => status === 200).length).toBeLessThanOrEqual(6);
    for (const response of responses.filter((r) => r.status === 402)) {
      expect(((await response.clone().json()) as { error: string }).error).toBe("redelivery_limit_reached");
    }
    const transactions = new Set(
      responses.filter((response) => response.status === 200).map((response) => decodePaymentResponseHeader(response.headers.get("payment-response")!).transaction),
    );
    await Promise.all(responses.map((response) => response.arrayBuffer()));
    expect(transactions.size).toBe(1);
    expect(await chain.authorizationUsed(payer, nonce)).toBe(true);
    expect(await chain.balanceOf(payer)).toBe(before - BigInt(paymentRequired.accepts[0].amount));
    const [transaction] = transactions;
    for (const origin of [store.url, second.url]) expect((await fetch(`${origin}/api/receipts/${transaction}`)).status).toBe(200);
    // Either process lets the buyer download again with Sign-In-With-X.
    for (const url of urls) expect((await wrapFetchWithSIWx(fetch, privateKeyToAccount(buyerKey))(url)).status).toBe(200);
  });

  test("40 different buyers spread over both processes all settle, with exact balances and 40 receipts", async ({ store }) => {
    test.setTimeout(120_000);
    const chain = chainReader(store.devnet);
    const buyers = await fundFreshBuyers(store.devnet, 40, 5_000_000n);
    const origins = [store.url, second.url];
    const catalog = (await (await fetch(`${store.url}/api/catalog`)).json()) as { items: { slug: string; payTo: `0x${string}`; price: { atomic: string } }[] };
    const item = catalog.items.find((entry) => entry.slug === "sine-of-the-times")!;
    const price = BigInt(item.price.atomic);
    const creatorBefore = await chain.balanceOf(item.payTo);

    const responses = await Promise.all(
      buyers.map((buyer, index) =>
        createPayingFetch({ signer: buyer, network: store.devnet.network, asset: store.devnet.usdc, maxAtomicPerPayment: price })(
          `${origins[index % 2]}/api/download/${item.slug}`,
        ),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(40).fill(200));
    const transactions = new Set(responses.map((response) => decodePaymentResponseHeader(response.headers.get("payment-response")!).transaction));
    await Promise.all(responses.map((response) => response.arrayBuffer()));
    expect(transactions.size).toBe(40);
    expect(await Promise.all(buyers.map((buyer) => chain.balanceOf(buyer.address)))).toEqual(Array(40).fill(5_000_000n - price));
    expect(await chain.balanceOf(item.payTo)).toBe(creatorBefore + 40n * price);
    for (const transaction of transactions) expect((await fetch(`${second.url}/api/receipts/${transaction}`)).status).toBe(200);
  });
});
