// Paid-download latency for sequential and concurrent buyers on the devnet.
import { privateKeyToAccount } from "viem/accounts";
import type { DevnetFile } from "@/lib/devnet/devnet-file";
import { createPayingFetch } from "@/lib/x402/paying-fetch";
import { fundFreshBuyers, payAtOnce, percentile } from "./fresh-buyers";
import type { GoalRow } from "./goals";
import { printTable } from "./table";

const BUYERS = Number(process.env.BENCH_BUYERS ?? 12);
const FRESH_BUYERS = Number(process.env.BENCH_FRESH_BUYERS ?? 100);

export async function benchPayments(store: { url: string; devnet: DevnetFile }): Promise<GoalRow[]> {
  const { devnet } = store;
  const downloadUrl = `${store.url}/api/download/midnight-blocks`;
  const payers = devnet.buyers.map((buyer) =>
    createPayingFetch({ signer: privateKeyToAccount(buyer.privateKey), network: devnet.network, asset: devnet.usdc, maxAtomicPerPayment: 10_000_000n }),
  );
  const buy = async (index: number) => {
    const started = performance.now();
    const response = await payers[index % payers.length](downloadUrl);
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`paid download answered ${response.status}`);
    return performance.now() - started;
  };
  const sequential: number[] = [];
  for (let i = 0; i < BUYERS; i++) sequential.push(await buy(i));
  const concurrent = await Promise.all(Array.from({ length: BUYERS }, (_, i) => buy(i)));
  const fresh = await payAtOnce(downloadUrl, devnet, await fundFreshBuyers(devnet, FRESH_BUYERS));

  console.log(`\nPaid downloads; ratio vs sequential p50\n`);
  printTable([
    ["case", "result", "ratio"],
    [`paid download, ${BUYERS} sequential`, `p50 ${percentile(sequential, 50).toFixed(0)} ms, p95 ${percentile(sequential, 95).toFixed(0)} ms`, "1.00"],
    [`paid download, ${BUYERS} concurrent`, `p50 ${percentile(concurrent, 50).toFixed(0)} ms, p95 ${percentile(concurrent, 95).toFixed(0)} ms`, (percentile(concurrent, 50) / percentile(sequential, 50)).toFixed(2)],
    [`${FRESH_BUYERS} fresh buyers at once`, `${fresh.paidPerSecond.toFixed(1)} paid/s, p50 ${percentile(fresh.latenciesMs, 50).toFixed(0)} ms`, "—"],
  ]);
  return [];
}
