// Buyers the store has never seen, funded on the devnet and paying at the same moment: what "100
// fresh buyers paying at once" means in the bench, for the store and for any baseline server.
import type { Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import type { DevnetFile } from "@/lib/devnet/devnet-file";
import { devnetClients, loadArtifact } from "@/lib/devnet/deploy";
import { createPayingFetch } from "@/lib/x402/paying-fetch";

const FUNDING = 100_000_000n;

/** `count` new wallets, each minted FUNDING test USDC by the devnet's token owner. */
export async function fundFreshBuyers(devnet: DevnetFile, count: number): Promise<Hex[]> {
  const { publicClient, deployer } = devnetClients(devnet.rpcUrl);
  const abi = loadArtifact("TestUSDC").abi;
  const keys = Array.from({ length: count }, () => generatePrivateKey());
  let last: Hex | undefined;
  // Sequential sends keep the owner's nonces in order; anvil mines each at once.
  for (const key of keys) {
    last = await deployer.writeContract({ address: devnet.usdc, abi, functionName: "mint", args: [privateKeyToAccount(key).address, FUNDING] });
  }
  if (last) await publicClient.waitForTransactionReceipt({ hash: last });
  return keys;
}

export type PaidRun = { paidPerSecond: number; latenciesMs: number[] };

function payerOf(devnet: DevnetFile, key: Hex) {
  return createPayingFetch({ signer: privateKeyToAccount(key), network: devnet.network, asset: devnet.usdc, maxAtomicPerPayment: FUNDING });
}

/** One paid download, 402 and payment included, timed; it must bring the file. */
async function timedPurchase(pay: typeof fetch, url: string): Promise<number> {
  const begun = performance.now();
  const response = await pay(url);
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`a fresh buyer's paid download of ${url} answered ${response.status}`);
  return performance.now() - begun;
}

/** Every buyer pays `url` once, all at the same moment, with the store's own x402 client; all must get the file. */
export async function payAtOnce(url: string, devnet: DevnetFile, buyers: Hex[]): Promise<PaidRun> {
  const payers = buyers.map((key) => payerOf(devnet, key));
  const started = performance.now();
  const latenciesMs = await Promise.all(payers.map((pay) => timedPurchase(pay, url)));
  return { paidPerSecond: buyers.length / ((performance.now() - started) / 1000), latenciesMs };
}

/** Every buyer pays `url` once, one after the other: each payment's own latency, without contention. */
export async function payOneByOne(url: string, devnet: DevnetFile, buyers: Hex[]): Promise<PaidRun> {
  const started = performance.now();
  const latenciesMs: number[] = [];
  for (const key of buyers) latenciesMs.push(await timedPurchase(payerOf(devnet, key), url));
  return { paidPerSecond: buyers.length / ((performance.now() - started) / 1000), latenciesMs };
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
