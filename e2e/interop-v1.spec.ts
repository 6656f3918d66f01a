import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { decodePaymentRequiredHeader, encodePaymentSignatureHeader } from "@x402/core/http";
import { registerExactEvmScheme } from "@x402/evm/exact/client";
import { decodePaymentResponseHeader, wrapFetchWithPayment, x402Client } from "@x402/fetch";
import axios from "axios";
import { type Hex, createWalletClient, http } from "viem";
import type { PrivateKeyAccount } from "viem/accounts";
import { baseSepolia } from "viem/chains";
import { createPaymentHeader } from "x402/client";
import { withPaymentInterceptor } from "x402-axios";
import { decodeXPaymentResponse, wrapFetchWithPayment as wrapFetchWithPaymentV1 } from "x402-fetch";
import type { CatalogEntry } from "../lib/catalog/catalog-entry";
import { expect, test } from "./fixtures";
import { type RehearsalStore, freshRehearsalBuyer, rehearsalReader, startRehearsalStore } from "./support/rehearsal";

/** A wallet client as the v1 clients' READMEs make one (their types come from an older viem). */
function v1Wallet(account: PrivateKeyAccount, rpcUrl: string) {
  return createWalletClient({ account, chain: baseSepolia, transport: http(rpcUrl) }) as unknown as Parameters<typeof wrapFetchWithPaymentV1>[1];
}

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

type V1Body = { x402Version: number; error: string; message: string; accepts: Record<string, unknown>[] };

test.describe("x402 v1 and v2 clients written by others, on one URL of a store started with NETWORK=base-sepolia", () => {
  let rehearsal: RehearsalStore;
  let item: CatalogEntry;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    rehearsal = await startRehearsalStore();
    const catalog = (await (await fetch(`${rehearsal.url}/api/catalog`)).json()) as { items: CatalogEntry[] };
    // One paid file (its sha256 is in the catalog) and within the official v2 client's default $1 cap.
    item = catalog.items.find((entry) => entry.files.length === 1 && BigInt(entry.price.atomic) <= 1_000_000n)!;
  });
  test.afterAll(async () => {
    await rehearsal?.stop();
  });

  /** Pays with `pay` as a fresh buyer; checks status, bytes and the exact money moved. */
  async function expectPaidDownload(pay: (account: PrivateKeyAccount, privateKey: Hex) => Promise<{ status: number; bytes: Buffer; headers: Headers }>) {
    const reader = rehearsalReader(rehearsal.chain);
    const price = BigInt(item.price.atomic);
    const { account, privateKey } = await freshRehearsalBuyer(rehearsal.chain, price * 3n);
    const payTo = item.payTo as Hex;
    const before = { buyer: await reader.balanceOf(account.address), payTo: await reader.balanceOf(payTo) };
    const answer = await pay(account, privateKey);
    expect(answer.status).toBe(200);
    expect(sha256(answer.bytes)).toBe(item.files[0].sha256);
    expect(await reader.balanceOf(account.address)).toBe(before.buyer - price);
    expect(await reader.balanceOf(payTo)).toBe(before.payTo + price);
    return { ...answer, account };
  }

  test("the 402 answers both generations: the v2 PAYMENT-REQUIRED header and a v1 body, both with name, version and decimals", async () => {
    const response = await fetch(item.downloadUrl);
    expect(response.status).toBe(402);
    expect(response.headers.get("access-control-expose-headers")).toContain("X-PAYMENT-RESPONSE");
    const v2 = decodePaymentRequiredHeader(response.headers.get("payment-required")!);
    expect(v2.x402Version).toBe(2);
    expect(v2.accepts[0]).toMatchObject({
      network: "eip155:84532",
      asset: rehearsal.chain.usdc,
      amount: item.price.atomic,
      extra: { name: "USDC", version: "2", decimals: 6 },
    });
    const body = (await response.json()) as V1Body;
    expect(body).toMatchObject({ x402Version: 1, error: "payment_required" });
    expect(body.message).toMatch(/USDC/);
    expect(body.accepts).toEqual([
      {
        scheme: "exact",
        network: "base-sepolia",
        maxAmountRequired: item.price.atomic,
        resource: item.downloadUrl,
        description: item.title,
        mimeType: item.files[0].mimeType,
        payTo: item.payTo,
        maxTimeoutSeconds: 300,
        asset: rehearsal.chain.usdc,
        extra: { name: "USDC", version: "2", decimals: 6 },
      },
    ]);
  });

  test("x402-fetch 1.2.0 (v1) pays with X-PAYMENT and gets X-PAYMENT-RESPONSE; its payment sent again, as v1 or as v2, is handled by the re-delivery rules", async () => {
    const sent: string[] = [];
    const recording: typeof fetch = async (input, init) => {
      const payment = new Headers(init?.headers).get("x-payment");
      if (payment) sent.push(payment);
      return fetch(input, init);
    };
    const paid = await expectPaidDownload(async (account) => {
      const fetchWithPay = wrapFetchWithPaymentV1(recording, v1Wallet(account, rehearsal.chain.rpcUrl), BigInt(item.price.atomic));
      const response = await fetchWithPay(item.downloadUrl, { method: "GET" });
      return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
    });
    expect(sent).toHaveLength(1);
    const settlement = decodeXPaymentResponse(paid.headers.get("x-payment-response")!);
    expect(settlement).toMatchObject({ success: true, network: "base-sepolia", payer: paid.account.address });
    expect(decodePaymentResponseHeader(paid.headers.get("payment-response")!)).toMatchObject({ transaction: settlement.transaction, network: "eip155:84532" });

    // v1 has no payment-identifier: the same X-PAYMENT again (a retry, or anyone who saw the
    // transaction) gets no file and moves no money; Sign-In-With-X is the way back to the file.
    const reader = rehearsalReader(rehearsal.chain);
    const balance = await reader.balanceOf(paid.account.address);
    const replay = await fetch(item.downloadUrl, { headers: { "X-PAYMENT": sent[0] } });
    expect(replay.status).toBe(402);
    const body = (await replay.json()) as V1Body;
    expect(body).toMatchObject({ x402Version: 1, error: "redelivery_needs_proof" });
    expect(body.message).toContain("Sign-In-With-X");
    expect(await reader.balanceOf(paid.account.address)).toBe(balance);

    // The same authorization as a v2 payment is the same payment (one row per network, asset,
    // payer and nonce), not a second sale.
    const v1Payment = JSON.parse(Buffer.from(sent[0], "base64").toString("utf8")) as { payload: Record<string, unknown> };
    const offer = decodePaymentRequiredHeader(replay.headers.get("payment-required")!);
    const asV2 = encodePaymentSignatureHeader({ x402Version: 2, resource: offer.resource, accepted: offer.accepts[0], payload: v1Payment.payload });
    const copy = await fetch(item.downloadUrl, { headers: { "PAYMENT-SIGNATURE": asV2 } });
    expect(copy.status).toBe(402);
    expect(await copy.json()).toMatchObject({ error: "redelivery_needs_proof" });
    expect(await reader.balanceOf(paid.account.address)).toBe(balance);
  });

  test("x402-axios 0.7.2 (v1) pays", async () => {
    await expectPaidDownload(async (account) => {
      // Raw bytes for the file, parsed JSON for the 402 the interceptor reads: plain axios settings.
      const raw = axios.create({
        responseType: "arraybuffer",
        transformResponse: [(data: Buffer, headers) => (String(headers["content-type"]).includes("json") ? JSON.parse(Buffer.from(data).toString("utf8")) : data)],
      });
      const api = withPaymentInterceptor(raw, v1Wallet(account, rehearsal.chain.rpcUrl) as never);
      const response = await api.get(item.downloadUrl);
      const headers = new Headers(Object.entries(response.headers).map(([name, value]): [string, string] => [name, String(value)]));
      expect(decodeXPaymentResponse(headers.get("x-payment-response")!)).toMatchObject({ success: true, network: "base-sepolia" });
      return { status: response.status, headers, bytes: Buffer.from(response.data as ArrayBuffer) };
    });
  });

  test("the official v2 client (@x402/fetch) pays the same URL", async () => {
    await expectPaidDownload(async (account) => {
      const client = new x402Client();
      registerExactEvmScheme(client, { signer: account });
      const response = await wrapFetchWithPayment(fetch, client)(item.downloadUrl);
      expect(response.headers.get("x-payment-response")).toBeNull();
      expect(decodePaymentResponseHeader(response.headers.get("payment-response")!)).toMatchObject({ success: true, network: "eip155:84532" });
      return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
    });
  });

  test("a v1 payment for another network or another amount gets its reason in the v1 body's error, and moves nothing", async () => {
    const reader = rehearsalReader(rehearsal.chain);
    const { account } = await freshRehearsalBuyer(rehearsal.chain, BigInt(item.price.atomic));
    const unpaid = (await (await fetch(item.downloadUrl)).json()) as V1Body;
    const requirements = unpaid.accepts[0] as Parameters<typeof createPaymentHeader>[2];
    const wallet = v1Wallet(account, rehearsal.chain.rpcUrl) as Parameters<typeof createPaymentHeader>[0];
    const cases = [
      { reason: "invalid_network", requirements: { ...requirements, network: "base" } },
      { reason: "invalid_exact_evm_payload_authorization_value_mismatch", requirements: { ...requirements, maxAmountRequired: "1" } },
      { reason: "invalid_exact_evm_recipient_mismatch", requirements: { ...requirements, payTo: account.address } },
    ] as const;
    for (const { reason, requirements: signed } of cases) {
      const header = await createPaymentHeader(wallet, 1, signed as typeof requirements);
      const response = await fetch(item.downloadUrl, { headers: { "X-PAYMENT": header } });
      expect(response.status, reason).toBe(402);
      expect(await response.json()).toMatchObject({ x402Version: 1, error: reason });
    }
    expect(await reader.balanceOf(account.address)).toBe(BigInt(item.price.atomic));
  });

  test("npm run agent pays with x402-fetch under --v1 and with the official v2 client without it", async () => {
    const reader = rehearsalReader(rehearsal.chain);
    for (const flags of [["--v1"], []]) {
      const { account, privateKey } = await freshRehearsalBuyer(rehearsal.chain, BigInt(item.price.atomic));
      const outDir = mkdtempSync(path.join(tmpdir(), "agent-"));
      try {
        const run = await runAgent([...flags, item.downloadUrl], { AGENT_PRIVATE_KEY: privateKey, AGENT_OUT_DIR: outDir, AGENT_MAX_USDC: "1" });
        expect(run.code, run.output).toBe(0);
        expect(run.output).toContain(flags.length ? "x402 v1 (x402-fetch)" : "x402 v2 (@x402/fetch)");
        expect(run.output).toContain("(matches the catalog)");
        expect(run.output).toMatch(/transaction 0x[0-9a-f]{64} on /);
        expect(sha256(readFileSync(path.join(outDir, item.files[0].name)))).toBe(item.files[0].sha256);
        expect(await reader.balanceOf(account.address)).toBe(0n);
      } finally {
        rmSync(outDir, { recursive: true, force: true });
      }
    }
  });
});

test.describe("x402 v1 on the devnet (chain 31337 has no v1 name)", () => {
  test("the 402 says v1 is unavailable and why; a v1 payment is refused with x402_v1_unavailable; x402-fetch cannot pay", async ({ store }) => {
    const url = `${store.url}/api/download/building-for-agents`;
    const response = await fetch(url);
    expect(response.status).toBe(402);
    const body = (await response.json()) as { x402Version: number; error: string; message: string; x402V1Unavailable: string };
    expect(body.x402Version).toBe(2);
    expect(body.error).toBe("payment_required");
    expect(body.message).toContain("x402 v1 clients (X-PAYMENT) cannot pay here");
    expect(body.x402V1Unavailable).toContain("eip155:31337");

    const v1Payment = Buffer.from(JSON.stringify({ x402Version: 1, scheme: "exact", network: "base-sepolia", payload: {} })).toString("base64");
    const refused = await fetch(url, { headers: { "X-PAYMENT": v1Payment } });
    expect(refused.status).toBe(402);
    expect(await refused.json()).toMatchObject({ error: "x402_v1_unavailable" });

    const { privateKeyToAccount } = await import("viem/accounts");
    const account = privateKeyToAccount(store.devnet.buyers[0].privateKey);
    await expect(wrapFetchWithPaymentV1(fetch, v1Wallet(account, store.devnet.rpcUrl), 10_000_000n)(url)).rejects.toThrow();
  });
});

function runAgent(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/agent.ts", ...args], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => resolve({ code, output }));
  });
}
