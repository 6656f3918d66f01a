// Unpaid-402 throughput beside a bare JSON route on the same server, and paid-download latency for
// sequential and concurrent buyers on the devnet.
import { privateKeyToAccount } from "viem/accounts";
import type { DevnetFile } from "@/lib/devnet/devnet-file";
import { createPayingFetch } from "@/lib/x402/paying-fetch";
import { printTable } from "./table";

const UNPAID_REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);
const CONCURRENCY = 8;
const BUYERS = Number(process.env.BENCH_BUYERS ?? 12);

async function throughput(url: string, expectedStatus: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < UNPAID_REQUESTS) {
      next++;
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status !== expectedStatus) throw new Error(`${url} answered ${response.status}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return UNPAID_REQUESTS / ((performance.now() - started) / 1000);
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function benchPayments(store: { url: string; devnet: DevnetFile }) {
  const { devnet } = store;
  const downloadUrl = `${store.url}/api/download/midnight-blocks`;
  await throughput(`${store.url}/api/health`, 200); // warm-up: compile routes, open the database

  const bareJson = await throughput(`${store.url}/api/health`, 200);
  const unpaid402 = await throughput(downloadUrl, 402);

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

  console.log(`\n${UNPAID_REQUESTS} unpaid requests at concurrency ${CONCURRENCY}; ratio vs the bare JSON route (throughput) or vs sequential p50 (latency)\n`);
  printTable([
    ["case", "result", "ratio"],
    ["bare JSON route (GET /api/health)", `${bareJson.toFixed(0)} req/s`, "1.00"],
    ["unpaid 402 (GET /api/download/…)", `${unpaid402.toFixed(0)} req/s`, (unpaid402 / bareJson).toFixed(2)],
    [`paid download, ${BUYERS} sequential`, `p50 ${percentile(sequential, 50).toFixed(0)} ms, p95 ${percentile(sequential, 95).toFixed(0)} ms`, "—"],
    [`paid download, ${BUYERS} concurrent`, `p50 ${percentile(concurrent, 50).toFixed(0)} ms, p95 ${percentile(concurrent, 95).toFixed(0)} ms`, (percentile(concurrent, 50) / percentile(sequential, 50)).toFixed(2)],
  ]);
}
