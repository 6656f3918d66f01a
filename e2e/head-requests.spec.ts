import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { readDevnetFile } from "../lib/devnet/devnet-file";
import { type IsolatedDatabase, isolatedDatabase } from "../lib/testing/isolated-database";
import { type StartedStore, startStore, stopStore } from "../lib/testing/store-process";
import { expect, test } from "./fixtures";
import { chainReader, paymentRequiredFrom, signPayment } from "./support/chain";
import { paymentsOf } from "./support/store-database";

/** A HEAD request on a raw socket: HTTP clients drop a HEAD answer's body, this shows whether one was sent. */
async function rawHead(url: string, headers: Record<string, string>) {
  const { hostname, port, pathname } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  const lines = [`HEAD ${pathname} HTTP/1.1`, `Host: ${hostname}:${port}`, "Connection: close", ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
  // Written, not ended: a half-closed client may lose its answer. "Connection: close" ends it after one response.
  socket.write(`${lines.join("\r\n")}\r\n\r\n`);
  const chunks: Buffer[] = [];
  for await (const chunk of socket) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const end = raw.indexOf("\r\n\r\n");
  const [statusLine, ...headerLines] = raw.subarray(0, end).toString("latin1").split("\r\n");
  return {
    status: Number(statusLine.split(" ")[1]),
    headers: Object.fromEntries(headerLines.map((line) => [line.slice(0, line.indexOf(":")).toLowerCase(), line.slice(line.indexOf(":") + 1).trim()])),
    afterHeaders: raw.subarray(end + 4),
  };
}

// A store of its own: its database is read while it is stopped, between the HEAD and the GET.
test.describe("HEAD never settles", () => {
  let database: IsolatedDatabase;
  let dataDir: string;
  let store: StartedStore | undefined;

  test.beforeAll(async () => {
    database = await isolatedDatabase();
    dataDir = mkdtempSync(path.join(tmpdir(), "storefront-e2e-head-"));
  });
  test.afterAll(async () => {
    if (store) await stopStore(store);
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("a valid payment sent with HEAD gets a bodiless 402 and is neither used nor recorded; GET with it then buys the file", async () => {
    test.setTimeout(180_000);
    store = await startStore({ DATABASE_URL: database.url }, { dataDir });
    const devnet = readDevnetFile(dataDir);
    const chain = chainReader(devnet);
    const buyer = devnet.buyers[0];
    const url = `${store.url}/api/download/midnight-blocks`;
    const paymentRequired = paymentRequiredFrom(Object.fromEntries((await fetch(url)).headers));
    const price = BigInt(paymentRequired.accepts[0].amount);
    const { header, nonce } = await signPayment({ paymentRequired, payerKey: buyer.privateKey });
    const before = await chain.balanceOf(buyer.address);

    for (const name of ["payment-signature", "x-payment"]) {
      const head = await rawHead(url, { [name]: header });
      expect(head.status).toBe(402);
      expect(paymentRequiredFrom(head.headers).accepts[0]).toMatchObject({ amount: price.toString(), payTo: paymentRequired.accepts[0].payTo });
      expect(head.afterHeaders.length).toBe(0);
    }
    expect(await chain.authorizationUsed(buyer.address, nonce)).toBe(false);
    expect(await chain.balanceOf(buyer.address)).toBe(before);
    await stopStore(store);
    expect(await paymentsOf({ dataDir, databaseUrl: database.url })).toEqual([]);

    // The same folder (chain state, database, files) on new ports.
    store = await startStore({ DATABASE_URL: database.url }, { dataDir });
    const restarted = chainReader(readDevnetFile(dataDir));
    const bought = await fetch(`${store.url}/api/download/midnight-blocks`, { headers: { "payment-signature": header } });
    expect(bought.status).toBe(200);
    expect(Buffer.from(await bought.arrayBuffer()).subarray(0, 4).toString("latin1")).toBe("RIFF");
    expect(await restarted.authorizationUsed(buyer.address, nonce)).toBe(true);
    expect(await restarted.balanceOf(buyer.address)).toBe(before - price);
    await stopStore(store);
    store = undefined;
    const rows = await paymentsOf({ dataDir, databaseUrl: database.url });
    expect(rows.map((row) => [row.nonce.toLowerCase(), row.status])).toEqual([[nonce.toLowerCase(), "settled"]]);
  });
});
