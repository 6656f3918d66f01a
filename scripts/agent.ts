// How an agent buys: `npm run agent -- <slug or download URL>`. Pays with the official
// @x402/fetch client, saves the file, prints the transaction and the file's sha256.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { decodePaymentResponseHeader } from "@x402/fetch";
import { privateKeyToAccount } from "viem/accounts";
import { createPayingFetch } from "@/lib/x402/paying-fetch";
import { parseUsdc } from "@/lib/money/usdc";

type CatalogItem = { slug: string; title: string; price: { atomic: string; display: string }; downloadUrl: string; files: { sha256: string }[] };
type Catalog = { network: `eip155:${number}`; asset: `0x${string}`; items: CatalogItem[] };

function fail(message: string): never {
  console.error(`agent: ${message}`);
  process.exit(1);
}

function devnetBuyerKey(): `0x${string}` | undefined {
  const file = path.join(process.env.DATA_DIR ?? ".data", "devnet.json");
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")).buyers[0].privateKey : undefined;
}

async function main() {
  const target = process.argv[2];
  if (!target) fail("usage: npm run agent -- <slug or download URL>");
  const storeUrl = target.startsWith("http") ? new URL(target).origin : (process.env.STORE_URL ?? "http://127.0.0.1:3000");
  const privateKey = (process.env.AGENT_PRIVATE_KEY as `0x${string}` | undefined) ?? devnetBuyerKey();
  if (!privateKey) fail("set AGENT_PRIVATE_KEY (no .data/devnet.json to take the devnet buyer from)");
  const maxUsdc = parseUsdc(process.env.AGENT_MAX_USDC ?? "5");
  if (!maxUsdc.ok) fail(`AGENT_MAX_USDC: ${maxUsdc.error}`);

  const catalogResponse = await fetch(`${storeUrl}/api/catalog`).catch(() => fail(`no store answers at ${storeUrl}`));
  const catalog = (await catalogResponse.json()) as Catalog;
  const item = catalog.items.find((entry) => entry.slug === target || entry.downloadUrl === target);
  if (!item) fail(`no item ${target} in the catalog at ${storeUrl}`);

  const account = privateKeyToAccount(privateKey);
  const payingFetch = createPayingFetch({ signer: account, network: catalog.network, asset: catalog.asset, maxAtomicPerPayment: maxUsdc.atomic });
  console.log(`buying "${item.title}" for ${item.price.display} as ${account.address}...`);
  const response = await payingFetch(item.downloadUrl);
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: string; message?: string };
    fail(`the store answered ${response.status}: ${body.error ?? ""} ${body.message ?? ""}`.trim());
  }
  const settlement = decodePaymentResponseHeader(response.headers.get("payment-response") ?? "");
  const bytes = Buffer.from(await response.arrayBuffer());
  const fileName = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? item.slug;
  const outDir = process.env.AGENT_OUT_DIR ?? "downloads";
  mkdirSync(outDir, { recursive: true });
  const outFile = path.join(outDir, path.basename(fileName));
  writeFileSync(outFile, bytes);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  console.log(`saved ${outFile} (${bytes.length} bytes)`);
  console.log(`transaction ${settlement.transaction} on ${settlement.network}`);
  console.log(`sha256 ${sha256}${item.files.length === 1 ? (item.files[0].sha256 === sha256 ? " (matches the catalog)" : " (DOES NOT match the catalog)") : ""}`);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
