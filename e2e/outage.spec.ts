import { type RunningAnvil, startAnvil } from "../lib/devnet/anvil";
import { readDevnetFile } from "../lib/devnet/devnet-file";
import { freePort } from "../lib/testing/free-port";
import { type StartedStore, startStore, stopStore } from "../lib/testing/store-process";
import { expect, test } from "./fixtures";
import { paymentRequiredFrom, signPayment } from "./support/chain";

test.describe("when the chain is unreachable", () => {
  let anvil: RunningAnvil;
  let store: StartedStore;

  test.beforeAll(async () => {
    anvil = await startAnvil({ port: await freePort() });
    // Its own chain and its own embedded database: this store must not share the suite's PostgreSQL.
    store = await startStore({ RPC_URL: anvil.rpcUrl, DATABASE_URL: "" });
  });
  test.afterAll(async () => {
    await stopStore(store);
    await anvil.stop();
  });

  test("a signed payment gets 503 facilitator_unavailable with Retry-After, no file, no RPC details", async ({ request }) => {
    const devnet = readDevnetFile(store.dataDir);
    const downloadUrl = `${store.url}/api/download/midnight-blocks`;
    const paymentRequired = paymentRequiredFrom((await request.get(downloadUrl)).headers());
    const payerKey = devnet.buyers[1].privateKey;
    const { header } = await signPayment({ paymentRequired, payerKey });

    await anvil.stop();
    const response = await request.get(downloadUrl, { headers: { "payment-signature": header } });
    expect(response.status()).toBe(503);
    expect(response.headers()["retry-after"]).toBeTruthy();
    const body = await response.json();
    expect(body.error).toBe("facilitator_unavailable");
    expect(JSON.stringify(body)).not.toContain(anvil.rpcUrl);
  });
});
