import { wrapFetchWithSIWx } from "@x402/extensions/sign-in-with-x";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { type RunningAnvil, startAnvil } from "../lib/devnet/anvil";
import { type DevnetFile, readDevnetFile } from "../lib/devnet/devnet-file";
import { freePort } from "../lib/testing/free-port";
import { type IsolatedDatabase, isolatedDatabase } from "../lib/testing/isolated-database";
import { type StartedStore, startStore, stopStore } from "../lib/testing/store-process";
import { createPayingFetch } from "../lib/x402/paying-fetch";
import { expect, test } from "./fixtures";
import { chainReader, fundedBuyerKey, paymentRequiredFrom, signPayment } from "./support/chain";
import { signInBuyer } from "./support/library";
import { startRpcProxy } from "./support/rpc-proxy";

// A store of its own behind a trusted proxy (so each test speaks as clients of its own
// addresses), with small allowances, whose every RPC call to its chain passes a counter.
const UNPAID_PER_MINUTE = 8;
const REFUSED_PER_PAYER = 3;
const REDOWNLOADS_PER_HOUR = 2;

test.describe("abuse limits that cannot be sidestepped", () => {
  let anvil: RunningAnvil;
  let rpc: Awaited<ReturnType<typeof startRpcProxy>>;
  let store: StartedStore;
  let database: IsolatedDatabase;
  let devnet: DevnetFile;
  let url: string;

  test.beforeAll(async () => {
    anvil = await startAnvil({ port: await freePort() });
    rpc = await startRpcProxy(anvil.rpcUrl);
    database = await isolatedDatabase();
    store = await startStore({
      RPC_URL: rpc.url,
      DATABASE_URL: database.url,
      TRUST_PROXY: "true",
      RATE_LIMIT_UNPAID_PER_MINUTE: String(UNPAID_PER_MINUTE),
      RATE_LIMIT_REFUSED_PER_PAYER_PER_MINUTE: String(REFUSED_PER_PAYER),
      RATE_LIMIT_REDOWNLOADS_PER_HOUR: String(REDOWNLOADS_PER_HOUR),
    });
    devnet = readDevnetFile(store.dataDir);
    url = `${store.url}/api/download/midnight-blocks`;
  });
  test.afterAll(async () => {
    await stopStore(store);
    await database.drop();
    await rpc.stop();
    await anvil.stop();
  });

  const as = (client: string, headers: Record<string, string> = {}) => fetch(url, { headers: { "x-forwarded-for": client, ...headers } });
  const reasonOf = async (response: Response) => ((await response.json()) as { error: string }).error;

  test("forged and mistaken payments are refused before any RPC call and count against the client's allowance", async () => {
    const client = "198.51.100.10";
    const offer = paymentRequiredFrom(Object.fromEntries((await as(client)).headers));
    const stranger = generatePrivateKey();
    const wrongPrice = await signPayment({ paymentRequired: offer, payerKey: stranger, tamper: { accepted: { amount: "1" } } });
    const wrongPayee = await signPayment({ paymentRequired: offer, payerKey: stranger, tamper: { accepted: { payTo: devnet.buyers[2].address } } });
    const cheap: [string, string][] = [
      ["!", "invalid_payment_header_encoding"],
      [Buffer.from("{}").toString("base64"), "invalid_x402_version"],
      [wrongPrice.header, "invalid_exact_evm_authorization_value"],
      [wrongPayee.header, "invalid_exact_evm_recipient_mismatch"],
    ];
    const before = rpc.count();
    for (const [header, reason] of cheap) {
      const refused = await as(client, { "payment-signature": header });
      expect([refused.status, await reasonOf(refused)]).toEqual([402, reason]);
    }
    expect(rpc.since(before)).toEqual([]);

    // A signature that is not the payer's costs at most one eth_getCode (a contract wallet could have made it).
    const forged = await signPayment({ paymentRequired: offer, payerKey: stranger, tamper: { signer: privateKeyToAccount(generatePrivateKey()) } });
    const beforeForged = rpc.count();
    const refused = await as(client, { "payment-signature": forged.header });
    expect([refused.status, await reasonOf(refused)]).toEqual([402, "invalid_exact_evm_signature"]);
    expect(rpc.since(beforeForged).filter((method) => method !== "eth_getCode")).toEqual([]);

    // 1 unpaid + 4 cheap + 1 forged so far; two more fill the allowance, then the client is refused with no work done.
    for (let index = 0; index < UNPAID_PER_MINUTE - 6; index++) expect((await as(client, { "payment-signature": forged.header })).status).toBe(402);
    const beforeLimited = rpc.count();
    const valid = await signPayment({ paymentRequired: offer, payerKey: devnet.buyers[0].privateKey });
    for (const header of [forged.header, "!", valid.header]) {
      const limited = await as(client, { "payment-signature": header });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await reasonOf(limited)).toBe("rate_limited");
    }
    expect(rpc.since(beforeLimited)).toEqual([]);
    expect(await chainReader(devnet).authorizationUsed(devnet.buyers[0].address, valid.nonce)).toBe(false);
    // Another client is not affected.
    expect((await as("198.51.100.11")).status).toBe(402);
  });

  test("IPv6 clients are counted per /64: another address of the same /64 shares the allowance", async () => {
    for (let index = 0; index < UNPAID_PER_MINUTE; index++) expect((await as("2001:db8:1:2::1")).status).toBe(402);
    expect((await as("2001:db8:1:2::1")).status).toBe(429);
    expect((await as("2001:db8:1:2:ffff:ffff:ffff:abcd")).status).toBe(429);
    expect((await as("2001:db8:1:3::1")).status).toBe(402);
  });

  test("a wallet whose validly signed payments keep failing is rationed per wallet; forged payments in its name do not count", async () => {
    const payer = devnet.unfundedBuyer;
    const offer = paymentRequiredFrom(Object.fromEntries((await as("198.51.100.20")).headers));
    // Anyone can name the victim as payer; without the victim's signature it must not use up the victim's allowance.
    for (let index = 0; index < REFUSED_PER_PAYER + 1; index++) {
      const forged = await signPayment({ paymentRequired: offer, payerKey: payer.privateKey, tamper: { signer: privateKeyToAccount(generatePrivateKey()) } });
      expect(await reasonOf(await as(`198.51.100.${30 + index}`, { "payment-signature": forged.header }))).toBe("invalid_exact_evm_signature");
    }
    // Each from another client address: the limit follows the wallet.
    for (let index = 0; index < REFUSED_PER_PAYER; index++) {
      const broke = await signPayment({ paymentRequired: offer, payerKey: payer.privateKey });
      const refused = await as(`198.51.100.${40 + index}`, { "payment-signature": broke.header });
      expect([refused.status, await reasonOf(refused)]).toEqual([402, "invalid_exact_evm_insufficient_balance"]);
    }
    const beforeLimited = rpc.count();
    const again = await signPayment({ paymentRequired: offer, payerKey: payer.privateKey });
    const limited = await as("198.51.100.50", { "payment-signature": again.header });
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { message: string }).message).toMatch(/wallet/);
    expect(rpc.since(beforeLimited)).toEqual([]);
  });

  test("re-downloads of one purchase are bounded whatever the path: Sign-In-With-X and the library share the allowance", async () => {
    const { account } = await fundedBuyerKey(devnet, 5_000_000n);
    const paid = await createPayingFetch({ signer: account, network: devnet.network, asset: devnet.usdc, maxAtomicPerPayment: 5_000_000n })(url);
    expect(paid.status).toBe(200);
    await paid.arrayBuffer();

    const withProof = () => wrapFetchWithSIWx(fetch, account)(url);
    const first = await withProof();
    expect(first.status).toBe(200);
    await first.arrayBuffer();
    const library = await signInBuyer(store.url, account);
    const fileId = /\/api\/library\/files\/([0-9a-f-]{36})/.exec(await (await library.get("/library")).text())?.[1];
    expect(fileId).toBeTruthy();
    expect((await library.get(`/api/library/files/${fileId}`)).status()).toBe(200);

    const limited = await withProof();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await limited.json()) as { message: string }).message).toMatch(/downloaded too often/);
    expect((await library.get(`/api/library/files/${fileId}`)).status()).toBe(429);
    await library.dispose();
  });
});
