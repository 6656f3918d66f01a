import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { type RunningAnvil, startAnvil } from "../lib/devnet/anvil";
import { readDevnetFile } from "../lib/devnet/devnet-file";
import { freePort } from "../lib/testing/free-port";
import { type StartedStore, startStore, stopStore } from "../lib/testing/store-process";
import { expect, test } from "./fixtures";
import { chainReader, paymentRequiredFrom, signPayment } from "./support/chain";

// Each store here has its own chain and its own embedded database: it must not share the
// suite's store, chain or PostgreSQL.

test.describe("when the chain goes down and comes back", () => {
  let anvil: RunningAnvil;
  let store: StartedStore;
  let anvilPort: number;
  let statePath: string;

  test.beforeAll(async () => {
    anvilPort = await freePort();
    statePath = path.join(mkdtempSync(path.join(tmpdir(), "storefront-outage-")), "anvil-state.json");
    anvil = await startAnvil({ port: anvilPort, statePath });
    store = await startStore({ RPC_URL: anvil.rpcUrl, DATABASE_URL: "" });
  });
  test.afterAll(async () => {
    await stopStore(store);
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

test.describe("when a remote facilitator hangs", () => {
  let anvil: RunningAnvil;
  let store: StartedStore;
  let hanging: net.Server;
  const held: net.Socket[] = [];

  test.beforeAll(async () => {
    // Accepts connections and never answers.
    hanging = net.createServer((socket) => held.push(socket)).listen(0, "127.0.0.1");
    await new Promise((resolve) => hanging.once("listening", resolve));
    const { port } = hanging.address() as net.AddressInfo;
    anvil = await startAnvil({ port: await freePort() });
    store = await startStore({
      RPC_URL: anvil.rpcUrl,
      DATABASE_URL: "",
      FACILITATOR_URL: `http://127.0.0.1:${port}`,
      FACILITATOR_TIMEOUT_MS: "1000",
    });
  });
  test.afterAll(async () => {
    await stopStore(store);
    await anvil.stop();
    for (const socket of held) socket.destroy();
    hanging.close();
  });

  test("downloads fail closed with 503 within the timeout, never a free file", async ({ request }) => {
    const downloadUrl = `${store.url}/api/download/midnight-blocks`;
    const attempts: Record<string, string>[] = [{}, { "payment-signature": Buffer.from("{}").toString("base64") }];
    for (const headers of attempts) {
      const started = Date.now();
      const response = await request.get(downloadUrl, { headers, timeout: 20_000 });
      expect(response.status()).toBe(503);
      expect(response.headers()["retry-after"]).toBeTruthy();
      expect((await response.json()).error).toBe("facilitator_unavailable");
      expect(Date.now() - started).toBeLessThan(10_000);
    }
  });
});
