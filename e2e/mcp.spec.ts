import { createHash } from "node:crypto";
import { rmSync } from "node:fs";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { decodePaymentResponseHeader, decodePaymentSignatureHeader, encodePaymentSignatureHeader } from "@x402/core/http";
import type { PaymentPayload, PaymentRequired } from "@x402/core/types";
import { type JWSSignedReceipt, type SignedReceipt, verifyReceiptSignatureJWS } from "@x402/extensions/offer-receipt";
import { generatePaymentId } from "@x402/extensions/payment-identifier";
import type { Hex } from "viem";
import { readDevnetFile } from "../lib/devnet/devnet-file";
import { issueDownloadToken } from "../lib/mcp/download-link";
import { type IsolatedDatabase, isolatedDatabase } from "../lib/testing/isolated-database";
import { type StartedStore, startStore, stopStore } from "../lib/testing/store-process";
import { expect, test } from "./fixtures";
import { chainReader, fundedBuyerKey, paymentRequiredFrom, signPayment } from "./support/chain";
import { seededCatalog } from "./support/seeded-catalog";
import { storeLog } from "./support/log-scan";
import { paymentsOf } from "./support/store-database";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

type Entry = { slug: string; kind: string; price: { atomic: string }; payTo: `0x${string}`; files: { name: string; sha256: string; size: number }[] };
type Receipt = { transaction: Hex; payer: string; amount: { atomic: string }; item: { slug: string }; files: { name: string; sha256: string }[] };
type Delivered = { receipt: Receipt; download: { kind: "link"; url: string; expiresAt: string } | { kind: "embedded"; name: string } };

/** An agent as the MCP SDK's own client makes one, over streamable HTTP. */
async function connect(storeUrl: string): Promise<Client> {
  const client = new Client({ name: "e2e-agent", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${storeUrl}/mcp`)));
  return client;
}

async function callTool(client: Client, name: string, args: Record<string, unknown>, payment?: unknown): Promise<CallToolResult> {
  const _meta = payment === undefined ? undefined : { "x402/payment": payment };
  return (await client.callTool({ name, arguments: args, ...(_meta ? { _meta } : {}) })) as CallToolResult;
}

const text = (result: CallToolResult, index = 0) => (result.content[index] as { type: "text"; text: string }).text;

async function search(client: Client, args: Record<string, unknown>): Promise<Entry[]> {
  const result = await callTool(client, "search_catalog", args);
  expect(result.isError ?? false).toBe(false);
  return (result.structuredContent as { items: Entry[] }).items;
}

/** The x402 MCP transport's "payment required": a tool error with PaymentRequired as structured content and as the first text. */
function paymentRequiredOf(result: CallToolResult): PaymentRequired {
  expect(result.isError).toBe(true);
  const paymentRequired = result.structuredContent as unknown as PaymentRequired;
  expect(paymentRequired.x402Version).toBe(2);
  expect(JSON.parse(text(result))).toEqual(paymentRequired);
  return paymentRequired;
}

/** A real EIP-3009 payment for `paymentRequired`, as the object `_meta["x402/payment"]` carries. */
async function signMetaPayment(options: Parameters<typeof signPayment>[0]): Promise<{ payload: PaymentPayload; nonce: Hex }> {
  const { header, nonce } = await signPayment(options);
  return { payload: decodePaymentSignatureHeader(header), nonce };
}

test.describe("MCP: search and buy with tools", () => {
  let client: Client;
  test.beforeAll(async () => {
    client = await connect(process.env.E2E_STORE_URL!);
  });
  test.afterAll(async () => {
    await client?.close();
  });

  test("lists search_catalog and buy_item with their input schemas", async () => {
    const { tools } = await client.listTools();
    const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool]));
    expect(Object.keys(byName).sort()).toEqual(["buy_item", "search_catalog"]);
    expect(byName.buy_item.inputSchema.required).toEqual(["slug"]);
    expect(Object.keys(byName.search_catalog.inputSchema.properties ?? {}).sort()).toEqual(["kind", "maxPriceUsdc", "query"]);
    expect(byName.search_catalog.annotations?.readOnlyHint).toBe(true);
  });

  test("search_catalog filters by words, kind and maximum price; entries carry price and files with sha256", async () => {
    const seeded = await seededCatalog();
    const all = await search(client, {});
    for (const item of seeded) {
      const entry = all.find((candidate) => candidate.slug === item.slug)!;
      expect(entry.price.atomic).toBe(item.priceAtomic.toString());
      expect(entry.files.map((file) => file.sha256)).toEqual(item.files.filter((file) => !file.preview).map((file) => file.sha256));
    }
    const slugs = (entries: Entry[]) => entries.map((entry) => entry.slug).sort();

    const music = await search(client, { kind: "music" });
    expect(music.every((entry) => entry.kind === "music")).toBe(true);
    expect(slugs(music)).toEqual(expect.arrayContaining(["midnight-blocks", "sine-of-the-times"]));

    const cheap = await search(client, { maxPriceUsdc: "0.99" });
    expect(cheap.every((entry) => BigInt(entry.price.atomic) <= 990_000n)).toBe(true);
    expect(slugs(cheap)).toEqual(expect.arrayContaining(["building-for-agents", "field-notes-on-stablecoins", "midnight-blocks"]));
    expect(slugs(cheap)).not.toContain("sine-of-the-times");

    expect(slugs(await search(client, { query: "STABLECOINS field" }))).toEqual(["field-notes-on-stablecoins"]);
    expect(slugs(await search(client, { kind: "ebook", maxPriceUsdc: "1" }))).toEqual(["field-notes-on-stablecoins"]);
    expect(await search(client, { query: "no such words anywhere" })).toEqual([]);
  });

  test("buy_item without a payment: the item's own 402 requirements, payment-identifier declared, no Sign-In-With-X", async ({ store }) => {
    const result = await callTool(client, "buy_item", { slug: "midnight-blocks" });
    const paymentRequired = paymentRequiredOf(result);
    expect(paymentRequired.error).toBe("payment_required");
    const http = paymentRequiredFrom(Object.fromEntries((await fetch(`${store.url}/api/download/midnight-blocks`)).headers));
    expect(paymentRequired.accepts).toEqual(http.accepts);
    expect(paymentRequired.resource).toEqual(http.resource);
    expect(paymentRequired.extensions?.["payment-identifier"]).toMatchObject({ info: { required: false } });
    expect(paymentRequired.extensions?.["sign-in-with-x"]).toBeUndefined();
    // Offers signed by the store's key, as in the download URL's 402.
    expect((paymentRequired.extensions?.["offer-receipt"] as { info: { offers: unknown[] } }).info.offers).toHaveLength(1);
  });

  test("buy_item with a signed payment: receipt, settlement in _meta, exact balances, a link that streams the file, re-delivery only with the payment id", async ({ store }) => {
    const chain = chainReader(store.devnet);
    const [entry] = await search(client, { query: "midnight blocks" });
    const seededFile = (await seededCatalog()).find((item) => item.slug === "midnight-blocks")!.files.find((file) => !file.preview)!;
    const { privateKey, account: buyer } = await fundedBuyerKey(store.devnet, 5_000_000n);
    const [buyerBefore, creatorBefore] = [await chain.balanceOf(buyer.address), await chain.balanceOf(entry.payTo)];

    const offer = paymentRequiredOf(await callTool(client, "buy_item", { slug: "midnight-blocks" }));
    const paymentId = generatePaymentId();
    const { payload, nonce } = await signMetaPayment({ paymentRequired: offer, payerKey: privateKey, paymentId });
    const bought = await callTool(client, "buy_item", { slug: "midnight-blocks" }, payload);
    expect(bought.isError ?? false).toBe(false);
    const settlement = bought._meta?.["x402/payment-response"] as { success: boolean; transaction: Hex; network: string; payer: string; extensions?: Record<string, unknown> };
    expect(settlement).toMatchObject({ success: true, network: store.devnet.network, payer: buyer.address });
    const { receipt, download } = bought.structuredContent as Delivered;
    expect(receipt).toMatchObject({ transaction: settlement.transaction, payer: buyer.address, amount: { atomic: "990000" }, item: { slug: "midnight-blocks" } });
    expect(receipt.files).toEqual([expect.objectContaining({ name: seededFile.name, sha256: seededFile.sha256 })]);
    expect(await chain.balanceOf(buyer.address)).toBe(buyerBefore - 990_000n);
    expect(await chain.balanceOf(entry.payTo)).toBe(creatorBefore + 990_000n);
    expect(await chain.authorizationUsed(buyer.address, nonce)).toBe(true);
    const recorded = await fetch(`${store.url}/api/receipts/${settlement.transaction}`);
    expect(recorded.status).toBe(200);
    const storedReceipt = (await recorded.json()) as { signedReceipt: SignedReceipt };
    expect(storedReceipt).toMatchObject({ payer: buyer.address, item: { slug: "midnight-blocks" }, amount: { atomic: "990000" }, status: "settled" });
    // The store's signed receipt, as a download's PAYMENT-RESPONSE carries it, for the file's bytes.
    const signed = (settlement.extensions?.["offer-receipt"] as { info: { receipt: SignedReceipt } }).info.receipt;
    expect(signed).toEqual(storedReceipt.signedReceipt);
    expect(await verifyReceiptSignatureJWS(signed as JWSSignedReceipt)).toMatchObject({ payer: buyer.address, item: "midnight-blocks", amount: "990000", sha256: seededFile.sha256, transaction: settlement.transaction });

    // 423 KB: over the embedding bound, so a link, also offered as an MCP resource link.
    if (download.kind !== "link") throw new Error(`expected a link, got ${download.kind}`);
    expect(bought.content[1]).toMatchObject({ type: "resource_link", uri: download.url });
    const file = await fetch(download.url);
    expect(file.status).toBe(200);
    expect(sha256(new Uint8Array(await file.arrayBuffer()))).toBe(seededFile.sha256);

    // The link names this purchase of this item only, and the store alone can make one.
    const link = new URL(download.url);
    const token = link.searchParams.get("token")!;
    const refusal = async (url: string) => {
      const response = await fetch(url);
      return [response.status, ((await response.json()) as { error: string }).error];
    };
    expect(await refusal(`${store.url}/api/download-link/sine-of-the-times?token=${token}`)).toEqual([403, "download_link_invalid"]);
    const [expiry, transaction, tag] = token.split(".");
    const flipped = `${tag.slice(0, -1)}${tag.endsWith("0") ? "1" : "0"}`;
    expect(await refusal(`${link.origin}${link.pathname}?token=${expiry}.${transaction}.${flipped}`)).toEqual([403, "download_link_invalid"]);
    expect(await refusal(`${link.origin}${link.pathname}?token=${Number(expiry) + 86_400}.${transaction}.${tag}`)).toEqual([403, "download_link_invalid"]);
    expect(await refusal(`${link.origin}${link.pathname}?token=${expiry}.0x${"0".repeat(64)}.${tag}`)).toEqual([403, "download_link_invalid"]);
    expect(await refusal(`${link.origin}${link.pathname}`)).toEqual([403, "download_link_invalid"]);
    const expired = issueDownloadToken({
      secret: process.env.E2E_SESSION_SECRET!,
      transactionHash: settlement.transaction,
      slug: "midnight-blocks",
      expiresAt: new Date(Date.now() - 1000),
    });
    expect(await refusal(`${link.origin}${link.pathname}?token=${expired}`)).toEqual([410, "download_link_expired"]);
    expect((await fetch(download.url, { method: "HEAD" })).status).toBe(405);

    // The same payment again with its id: the same purchase delivered again, nothing charged.
    const again = await callTool(client, "buy_item", { slug: "midnight-blocks" }, payload);
    expect(again.isError ?? false).toBe(false);
    expect((again.structuredContent as Delivered).receipt.transaction).toBe(settlement.transaction);
    // One payment buys the item through either door: its id retries it on the download URL too.
    const overHttp = await fetch(`${store.url}/api/download/midnight-blocks`, { headers: { "payment-signature": encodePaymentSignatureHeader(payload) } });
    expect(overHttp.status).toBe(200);
    expect(decodePaymentResponseHeader(overHttp.headers.get("payment-response")!).transaction).toBe(settlement.transaction);
    expect(sha256(new Uint8Array(await overHttp.arrayBuffer()))).toBe(seededFile.sha256);
    // Without its id the payment is what anyone can rebuild from the chain: not re-delivered.
    const withoutId = { ...payload, extensions: {} };
    const replay = paymentRequiredOf(await callTool(client, "buy_item", { slug: "midnight-blocks" }, withoutId));
    expect(replay.error).toBe("redelivery_needs_proof");
    expect(await chain.balanceOf(buyer.address)).toBe(buyerBefore - 990_000n);
  });

  test("a small single-file item comes embedded as a resource whose bytes match the catalog's sha256", async ({ store }) => {
    const chain = chainReader(store.devnet);
    const seededFile = (await seededCatalog()).find((item) => item.slug === "field-notes-on-stablecoins")!.files.find((file) => !file.preview)!;
    const { privateKey, account: buyer } = await fundedBuyerKey(store.devnet, 1_000_000n);
    const offer = paymentRequiredOf(await callTool(client, "buy_item", { slug: "field-notes-on-stablecoins" }));
    const { payload } = await signMetaPayment({ paymentRequired: offer, payerKey: privateKey });
    const bought = await callTool(client, "buy_item", { slug: "field-notes-on-stablecoins" }, payload);
    expect(bought.isError ?? false).toBe(false);
    expect((bought.structuredContent as Delivered).download).toEqual({ kind: "embedded", name: seededFile.name });
    const embedded = bought.content[1] as { type: "resource"; resource: { uri: string; mimeType: string; blob: string } };
    expect(embedded.type).toBe("resource");
    expect(embedded.resource.mimeType).toBe("application/pdf");
    expect(embedded.resource.uri).toBe(`${store.url}/api/download/field-notes-on-stablecoins`);
    expect(sha256(Buffer.from(embedded.resource.blob, "base64"))).toBe(seededFile.sha256);
    expect(await chain.balanceOf(buyer.address)).toBe(1_000_000n - 750_000n);
  });

  test("a forged signature is refused with its reason, nothing moves; unknown items and bad arguments are tool errors", async ({ store }) => {
    const chain = chainReader(store.devnet);
    const { privateKey, account: buyer } = await fundedBuyerKey(store.devnet, 2_000_000n);
    const { account: forger } = await fundedBuyerKey(store.devnet, 0n);
    const offer = paymentRequiredOf(await callTool(client, "buy_item", { slug: "sine-of-the-times" }));
    const { payload, nonce } = await signMetaPayment({ paymentRequired: offer, payerKey: privateKey, tamper: { signer: forger } });
    const forged = paymentRequiredOf(await callTool(client, "buy_item", { slug: "sine-of-the-times" }, payload));
    expect(forged.error).toBe("invalid_exact_evm_signature");
    expect(forged.accepts).toEqual(offer.accepts);
    expect(await chain.balanceOf(buyer.address)).toBe(2_000_000n);
    expect(await chain.authorizationUsed(buyer.address, nonce)).toBe(false);

    const unknown = await callTool(client, "buy_item", { slug: "no-such-item" });
    expect(unknown.isError).toBe(true);
    expect(unknown.structuredContent).toMatchObject({ error: "not_found" });

    expect(paymentRequiredOf(await callTool(client, "buy_item", { slug: "sine-of-the-times" }, "not an object")).error).toBe("invalid_payload");
    expect(paymentRequiredOf(await callTool(client, "buy_item", { slug: "sine-of-the-times" }, { ...payload, x402Version: 1 })).error).toBe("invalid_x402_version");
    const badId = { ...payload, extensions: { "payment-identifier": { info: { required: false, id: "short" } } } };
    expect((await callTool(client, "buy_item", { slug: "sine-of-the-times" }, badId)).structuredContent).toMatchObject({ error: "invalid_payment_identifier" });

    for (const [name, args] of [
      ["buy_item", {}],
      ["buy_item", { slug: 42 }],
      ["search_catalog", { kind: "video" }],
      ["search_catalog", { maxPriceUsdc: "1.1234567" }],
      ["search_catalog", { maxPriceUsdc: "-1" }],
    ] as const) {
      const result = await callTool(client, name, args);
      expect(result.isError, JSON.stringify(args)).toBe(true);
      expect(text(result)).toContain("Input validation error");
    }
  });

  test("another site's page cannot drive /mcp: a foreign Origin is 403 before any tool runs; no CORS; POST only", async ({ store }) => {
    const list = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list", params: {} });
    const headers = { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": "2025-11-25" };
    const own = await fetch(`${store.url}/mcp`, { method: "POST", headers: { ...headers, origin: store.url }, body: list });
    expect(own.status).toBe(200);
    const foreigns: Record<string, string>[] = [{ origin: "https://evil.example" }, { origin: "null" }, { "sec-fetch-site": "cross-site" }, { origin: store.url.replace("127.0.0.1", "localhost") }];
    for (const foreign of foreigns) {
      const refused = await fetch(`${store.url}/mcp`, { method: "POST", headers: { ...headers, ...foreign }, body: list });
      expect([refused.status, ((await refused.json()) as { error: string }).error], JSON.stringify(foreign)).toEqual([403, "cross_site_request"]);
    }
    // A no-preflight form post from a page elsewhere is refused whatever its origin claims.
    const form = await fetch(`${store.url}/mcp`, { method: "POST", headers: { "content-type": "text/plain", accept: headers.accept }, body: list });
    expect(form.status).toBe(415);
    const preflight = await fetch(`${store.url}/mcp`, { method: "OPTIONS", headers: { origin: "https://evil.example", "access-control-request-method": "POST" } });
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
    expect((await fetch(`${store.url}/mcp`, { headers: { accept: "text/event-stream" } })).status).toBe(405);
  });
});

test.describe("MCP on a store with small allowances", () => {
  let database: IsolatedDatabase | undefined;
  // Kept as a promise so that a start outliving the hook's timeout is still stopped and removed.
  let starting: Promise<StartedStore> | undefined;
  let store: StartedStore | undefined;

  test.beforeAll(async ({}, testInfo) => {
    testInfo.setTimeout(180_000);
    database = await isolatedDatabase();
    starting = startStore({ DATABASE_URL: database.url, RATE_LIMIT_UNPAID_PER_MINUTE: "3", RATE_LIMIT_REDOWNLOADS_PER_HOUR: "2" });
    store = await starting;
  });
  test.afterAll(async () => {
    const started = await starting?.catch(() => undefined);
    if (started) {
      await stopStore(started, { keepDataDir: true });
      expect(storeLog(started.dataDir)).not.toMatch(/uncaughtException|unhandledRejection|⨯/);
      rmSync(started.dataDir, { recursive: true, force: true });
    }
    await database?.drop();
  });

  test("calls without a purchase count like unpaid 402s, a payment is no way around it; link uses count as re-downloads", async () => {
    if (!store || !database) throw new Error("the store did not start");
    const devnet = readDevnetFile(store.dataDir);
    const client = await connect(store.url);
    const { privateKey, account: buyer } = await fundedBuyerKey(devnet, 2_000_000n);
    const offer = paymentRequiredOf(await callTool(client, "buy_item", { slug: "midnight-blocks" })); // unpaid: 1
    const { payload } = await signMetaPayment({ paymentRequired: offer, payerKey: privateKey });
    const bought = await callTool(client, "buy_item", { slug: "midnight-blocks" }, payload);
    const { download } = bought.structuredContent as Delivered;
    if (download.kind !== "link") throw new Error("expected a link");
    for (let use = 0; use < 2; use++) expect((await fetch(download.url)).status).toBe(200);
    const exhausted = await fetch(download.url); // unpaid: 2
    expect([exhausted.status, ((await exhausted.json()) as { error: string }).error]).toEqual([429, "rate_limited"]);

    paymentRequiredOf(await callTool(client, "buy_item", { slug: "sine-of-the-times" })); // unpaid: 3
    const { payload: another, nonce } = await signMetaPayment({ paymentRequired: offer, payerKey: privateKey });
    for (const payment of [undefined, another]) {
      const limited = await callTool(client, "buy_item", { slug: "midnight-blocks" }, payment);
      expect(limited.isError).toBe(true);
      expect(limited.structuredContent).toMatchObject({ error: "rate_limited", retryAfterSeconds: expect.any(Number) });
    }
    expect(await chainReader(devnet).authorizationUsed(buyer.address, nonce)).toBe(false);
    // Searching is reading the public catalog, as /api/catalog: not rationed.
    expect((await search(client, {})).length).toBeGreaterThan(0);
    await client.close();

    // PGlite has one owner process: the rows are read once the store is down.
    await stopStore(store, { keepDataDir: true });
    const rows = await paymentsOf({ dataDir: store.dataDir, databaseUrl: database.url });
    expect(rows.map((row) => [row.payer, row.status])).toEqual([[buyer.address, "settled"]]);
  });
});
