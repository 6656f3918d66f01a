// How an agent buys: `npm run agent -- [--v1] <slug or download URL>`. Pays with the official
// @x402/fetch client (x402 v2), or with --v1 with x402-fetch (x402 v1, Base and Base Sepolia
// only), saves the file, prints the transaction and the file's sha256.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { decodePaymentResponseHeader } from "@x402/fetch";
import { type PrivateKeyAccount, privateKeyToAccount } from "viem/accounts";
import { createWalletClient, http } from "viem";
import { base, baseSepolia } from "viem/chains";
import { decodeXPaymentResponse, wrapFetchWithPayment } from "x402-fetch";
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

/** The v1 client knows networks by name, and its wallet's chain says which one it pays on. */
const V1_CHAINS: Record<string, typeof base | typeof baseSepolia> = { [`eip155:${base.id}`]: base, [`eip155:${baseSepolia.id}`]: baseSepolia };

/** x402-fetch as its README uses it, with its max-value argument (it caps at 0.1 USDC by default). */
function v1PayingFetch(account: PrivateKeyAccount, network: string, maxAtomic: bigint): typeof fetch {
  const chain = V1_CHAINS[network];
  if (!chain) fail(`x402 v1 clients name their network, and this store's (${network}, the devnet) has none: drop --v1 to pay with x402 v2`);
  const wallet = createWalletClient({ account, chain, transport: http() });
  // The v1 library's types come from an older viem; the wallet client is the one its README makes.
  return wrapFetchWithPayment(fetch, wallet as unknown as Parameters<typeof wrapFetchWithPayment>[1], maxAtomic) as typeof fetch;
}

async function main() {
  const args = process.argv.slice(2);
  const v1 = args.includes("--v1");
  const target = args.find((arg) => !arg.startsWith("--"));
  if (!target) fail("usage: npm run agent -- [--v1] <slug or download URL>");
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
  const payingFetch = v1
    ? v1PayingFetch(account, catalog.network, maxUsdc.atomic)
    : createPayingFetch({ signer: account, network: catalog.network, asset: catalog.asset, maxAtomicPerPayment: maxUsdc.atomic });
  console.log(`buying "${item.title}" for ${item.price.display} as ${account.address} with x402 ${v1 ? "v1 (x402-fetch)" : "v2 (@x402/fetch)"}...`);
  const response = await payingFetch(item.downloadUrl);
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: string; message?: string };
    fail(`the store answered ${response.status}: ${body.error ?? ""} ${body.message ?? ""}`.trim());
  }
  const settlement = v1
    ? decodeXPaymentResponse(response.headers.get("x-payment-response") ?? "")
    : decodePaymentResponseHeader(response.headers.get("payment-response") ?? "");
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
