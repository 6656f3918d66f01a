import { generatePaymentId } from "@x402/extensions/payment-identifier";
import { readDevnetFile } from "../lib/devnet/devnet-file";
import { type IsolatedDatabase, isolatedDatabase } from "../lib/testing/isolated-database";
import { type StartedStore, startStore, stopStore } from "../lib/testing/store-process";
import { expect, test } from "./fixtures";
import { chainReader, paymentRequiredFrom, signPayment } from "./support/chain";

test.describe("when the database goes away mid-flight and comes back", () => {
  test.skip(!process.env.DATABASE_URL, "PGlite runs inside the store's process: its failure cannot be caused from outside (this runs in the PostgreSQL pass)");
  let database: IsolatedDatabase;
  let store: StartedStore;

  test.beforeAll(async () => {
    database = await isolatedDatabase();
    store = await startStore({ DATABASE_URL: database.url });
  });
  test.afterAll(async () => {
    await database.setReachable(true);
    await stopStore(store);
    await database.drop();
  });

  test("a download is a 503 (store_unavailable, or settlement_pending with a payment in hand), never a 402 or a 500; nothing moves; then it buys", async () => {
    const devnet = readDevnetFile(store.dataDir);
    const chain = chainReader(devnet);
    const url = `${store.url}/api/download/midnight-blocks`;
    const offer = paymentRequiredFrom(Object.fromEntries((await fetch(url)).headers));
    const buyer = devnet.buyers[0];
    const { header, nonce } = await signPayment({ paymentRequired: offer, payerKey: buyer.privateKey, paymentId: generatePaymentId() });
    const before = await chain.balanceOf(buyer.address);

    await database.setReachable(false);
    // Unpaid 402s come from the catalog snapshot, which the next failed fingerprint poll drops
    // (lib/catalog/snapshot.ts, once a second): from then on they are 503s too.
    await expect.poll(async () => (await fetch(url)).status, { timeout: 5_000, intervals: [250] }).toBe(503);
    const unpaid = await fetch(url);
    expect([unpaid.status, ((await unpaid.json()) as { error: string }).error]).toEqual([503, "store_unavailable"]);
    expect(unpaid.headers.get("retry-after")).toBeTruthy();
    const paying = await fetch(url, { headers: { "payment-signature": header } });
    expect([paying.status, ((await paying.json()) as { error: string }).error]).toEqual([503, "settlement_pending"]);
    expect(await chain.authorizationUsed(buyer.address, nonce)).toBe(false);
    expect(await chain.balanceOf(buyer.address)).toBe(before);

    await database.setReachable(true);
    await expect.poll(async () => (await fetch(url)).status, { timeout: 15_000 }).toBe(402);
    const bought = await fetch(url, { headers: { "payment-signature": header } });
    expect(bought.status).toBe(200);
    await bought.arrayBuffer();
    expect(await chain.balanceOf(buyer.address)).toBe(before - BigInt(offer.accepts[0].amount));
  });
});
