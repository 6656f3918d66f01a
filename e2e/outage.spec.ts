import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { decodePaymentResponseHeader } from "@x402/core/http";
import { generatePaymentId } from "@x402/extensions/payment-identifier";
import { getContractAddress } from "viem";
import { DEPLOYER } from "../lib/devnet/accounts";
import { type RunningAnvil, startAnvil } from "../lib/devnet/anvil";
import { readDevnetFile } from "../lib/devnet/devnet-file";
import { freePort } from "../lib/testing/free-port";
import { type IsolatedDatabase, isolatedDatabase } from "../lib/testing/isolated-database";
import { type StartedStore, startStore, stopStore } from "../lib/testing/store-process";
import { expect, test } from "./fixtures";
import { chainReader, fundedBuyerKey, paymentRequiredFrom, setBlacklisted, signPayment } from "./support/chain";
import { startFacilitatorServer } from "./support/facilitator-server";
import { publishedItem, signInCreator } from "./support/studio";

// Each store here has its own chain and its own database (PGlite, or a database of its own on the
// suite's PostgreSQL server in that pass): it must not share the suite's store, chain or data.

test.describe("when the chain goes down and comes back", () => {
  let anvil: RunningAnvil;
  let store: StartedStore;
  let database: IsolatedDatabase;
  let anvilPort: number;
  let statePath: string;

  test.beforeAll(async () => {
    anvilPort = await freePort();
    statePath = path.join(mkdtempSync(path.join(tmpdir(), "storefront-outage-")), "anvil-state.json");
    anvil = await startAnvil({ port: anvilPort, statePath });
    database = await isolatedDatabase();
    store = await startStore({ RPC_URL: anvil.rpcUrl, DATABASE_URL: database.url });
  });
  test.afterAll(async () => {
    await stopStore(store);
    await database.drop();
    await anvil.stop();
    rmSync(path.dirname(statePath), { recursive: true, force: true });
  });

  test("a payment gets 503 with Retry-After and no RPC details while it is down, and buys the file once it is back", async ({ request }) => {
    const devnet = readDevnetFile(store.dataDir);
    const downloadUrl = `${store.url}/api/download/midnight-blocks`;
    const paymentRequired = paymentRequiredFrom((await request.get(downloadUrl)).headers());
    const { header, payer, nonce } = await signPayment({ paymentRequired, payerKey: devnet.buyers[1].privateKey });

    await anvil.stop();
    const response = await request.get(downloadUrl, { headers: { "payment-signature": header } });
    expect(response.status()).toBe(503);
    expect(response.headers()["retry-after"]).toBeTruthy();
    const body = await response.json();
    expect(body.error).toBe("facilitator_unavailable");
    expect(JSON.stringify(body)).not.toContain(anvil.rpcUrl);

    anvil = await startAnvil({ port: anvilPort, statePath });
    const chain = chainReader(devnet);
    expect(await chain.authorizationUsed(payer, nonce)).toBe(false);
    const before = await chain.balanceOf(payer);
    const retry = await request.get(downloadUrl, { headers: { "payment-signature": header } });
    expect(retry.status()).toBe(200);
    expect(await chain.balanceOf(payer)).toBe(before - BigInt(paymentRequired.accepts[0].amount));
  });
});

test.describe("when a remote facilitator hangs, comes back, or loses a settlement's answer", () => {
  let anvil: RunningAnvil;
  let store: StartedStore;
  let facilitator: Awaited<ReturnType<typeof startFacilitatorServer>>;
  let database: IsolatedDatabase;

  test.beforeAll(async () => {
    anvil = await startAnvil({ port: await freePort() });
    // The store deploys the test USDC on this fresh anvil: the deployer's first contract.
    const usdc = getContractAddress({ from: DEPLOYER.address, nonce: 0n });
    facilitator = await startFacilitatorServer({ rpcUrl: anvil.rpcUrl, usdc });
    database = await isolatedDatabase();
    store = await startStore({ RPC_URL: anvil.rpcUrl, DATABASE_URL: database.url, FACILITATOR_URL: facilitator.url, FACILITATOR_TIMEOUT_MS: "1000" });
  });
  test.afterAll(async () => {
    await stopStore(store);
    await database.drop();
    await facilitator.stop();
    await anvil.stop();
  });

  test("hanging: 503 with Retry-After within the timeout, nothing charged; back: the same payment buys the file", async ({ request }) => {
    const devnet = readDevnetFile(store.dataDir);
    const chain = chainReader(devnet);
    const downloadUrl = `${store.url}/api/download/midnight-blocks`;
    const buyer = devnet.buyers[2];
    const before = await chain.balanceOf(buyer.address);

    const attempts: Record<string, string>[] = [{}, { "payment-signature": Buffer.from("{}").toString("base64") }];
    for (const headers of attempts) {
      const started = Date.now();
      const response = await request.get(downloadUrl, { headers, timeout: 20_000 });
      expect(response.status()).toBe(503);
      expect(response.headers()["retry-after"]).toBeTruthy();
      expect((await response.json()).error).toBe("facilitator_unavailable");
      expect(Date.now() - started).toBeLessThan(10_000);
    }

    facilitator.setMode("serve");
    const offer = await request.get(downloadUrl);
    expect(offer.status()).toBe(402);
    const paymentRequired = paymentRequiredFrom(offer.headers());
    const { header, nonce } = await signPayment({ paymentRequired, payerKey: buyer.privateKey });
    facilitator.setMode("hang");
    const hung = await request.get(downloadUrl, { headers: { "payment-signature": header }, timeout: 20_000 });
    expect([hung.status(), (await hung.json()).error]).toEqual([503, "facilitator_unavailable"]);
    expect(await chain.authorizationUsed(buyer.address, nonce)).toBe(false);
    expect(await chain.balanceOf(buyer.address)).toBe(before);

    facilitator.setMode("serve");
    const bought = await request.get(downloadUrl, { headers: { "payment-signature": header } });
    expect(bought.status()).toBe(200);
    expect(await chain.balanceOf(buyer.address)).toBe(before - BigInt(paymentRequired.accepts[0].amount));
  });

  test("a settlement sent but unanswered is 'settlement pending', never a fresh 402; the same header then gets the file, paid once", async ({ request }) => {
    const devnet = readDevnetFile(store.dataDir);
    const chain = chainReader(devnet);
    const downloadUrl = `${store.url}/api/download/sine-of-the-times`;
    const buyer = devnet.buyers[1];
    facilitator.setMode("serve");
    const paymentRequired = paymentRequiredFrom((await request.get(downloadUrl)).headers());
    const price = BigInt(paymentRequired.accepts[0].amount);
    const before = await chain.balanceOf(buyer.address);
    const { header, nonce } = await signPayment({ paymentRequired, payerKey: buyer.privateKey, paymentId: generatePaymentId() });

    facilitator.setMode("settle-then-hang");
    const pending = await request.get(downloadUrl, { headers: { "payment-signature": header }, timeout: 20_000 });
    expect(pending.status()).toBe(503);
    expect(pending.headers()["retry-after"]).toBe("5");
    expect((await pending.json()).error).toBe("settlement_pending");
    expect(pending.headers()["payment-required"]).toBeUndefined();
    expect(await chain.authorizationUsed(buyer.address, nonce)).toBe(true);

    const retried = await request.get(downloadUrl, { headers: { "payment-signature": header } });
    expect(retried.status()).toBe(200);
    const transaction = decodePaymentResponseHeader(retried.headers()["payment-response"]).transaction;
    expect((await request.get(`${store.url}/api/receipts/${transaction}`)).status()).toBe(200);
    expect(await chain.balanceOf(buyer.address)).toBe(before - price);
  });

  test("a payment the chain refuses at settlement is refused with that reason, moves nothing, and its header is not tried again", async ({ request }) => {
    const devnet = readDevnetFile(store.dataDir);
    const chain = chainReader(devnet);
    facilitator.setMode("serve");
    const downloadUrl = `${store.url}/api/download/midnight-blocks`;
    const { privateKey, account } = await fundedBuyerKey(devnet, 5_000_000n);
    const paymentRequired = paymentRequiredFrom((await request.get(downloadUrl)).headers());
    const { header, nonce } = await signPayment({ paymentRequired, payerKey: privateKey });

    // Verified, then the token blacklists the payer before the settlement is sent.
    facilitator.setBeforeSettle(() => setBlacklisted(devnet, account.address, true));
    const refused = await request.get(downloadUrl, { headers: { "payment-signature": header } });
    facilitator.setBeforeSettle(null);
    expect([refused.status(), (await refused.json()).error]).toEqual([402, "invalid_exact_evm_transaction_failed"]);
    expect(await chain.authorizationUsed(account.address, nonce)).toBe(false);
    expect(await chain.balanceOf(account.address)).toBe(5_000_000n);

    await setBlacklisted(devnet, account.address, false);
    const replayed = await request.get(downloadUrl, { headers: { "payment-signature": header } });
    expect([replayed.status(), (await replayed.json()).error]).toEqual([402, "invalid_exact_evm_transaction_failed"]);
    expect(await chain.balanceOf(account.address)).toBe(5_000_000n);
    const fresh = await signPayment({ paymentRequired, payerKey: privateKey });
    expect((await request.get(downloadUrl, { headers: { "payment-signature": fresh.header } })).status()).toBe(200);
  });

  test("a price change while a payment settles: 'settlement pending', then the file at the price signed, never a fresh 402", async ({ request }) => {
    const devnet = readDevnetFile(store.dataDir);
    const chain = chainReader(devnet);
    facilitator.setMode("serve");
    const creator = await signInCreator(store.url);
    const { item } = await publishedItem(creator.api, { price: "1.25" });
    const downloadUrl = `${store.url}/api/download/${item.slug}`;
    const buyer = devnet.buyers[0];
    const paymentRequired = paymentRequiredFrom((await request.get(downloadUrl)).headers());
    const before = await chain.balanceOf(buyer.address);
    const { header } = await signPayment({ paymentRequired, payerKey: buyer.privateKey, paymentId: generatePaymentId() });

    facilitator.setMode("settle-then-hang");
    const pending = await request.get(downloadUrl, { headers: { "payment-signature": header }, timeout: 20_000 });
    expect([pending.status(), (await pending.json()).error]).toEqual([503, "settlement_pending"]);
    expect((await creator.api.patch(`/api/studio/items/${item.id}`, { data: { price: "2.5" } })).status()).toBe(200);

    facilitator.setMode("serve");
    const retried = await request.get(downloadUrl, { headers: { "payment-signature": header } });
    expect(retried.status()).toBe(200);
    expect(retried.headers()["payment-required"]).toBeUndefined();
    expect(await chain.balanceOf(buyer.address)).toBe(before - 1_250_000n);
    expect(await chain.balanceOf(creator.account.address)).toBe(1_250_000n);
  });
});
