// `npm run bench`: unpaid-402 throughput beside a bare JSON route on the same server, and paid-download
// latency for sequential and concurrent buyers on the devnet. Needs a build (`npm run build`).
import { readFileSync } from "node:fs";
import path from "node:path";
import { privateKeyToAccount } from "viem/accounts";
import { createPayingFetch } from "@/lib/x402/paying-fetch";
import type { DevnetFile } from "@/lib/devnet/devnet-file";
import { NO_RATE_LIMITS, startStore, stopStore } from "@/lib/testing/store-process";

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

async function main() {
  const store = await startStore(NO_RATE_LIMITS);
  try {
    const devnet = JSON.parse(readFileSync(path.join(store.dataDir, "devnet.json"), "utf8")) as DevnetFile;
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

    const rows = [
      ["bare JSON route (GET /api/health)", `${bareJson.toFixed(0)} req/s`, "1.00"],
      ["unpaid 402 (GET /api/download/…)", `${unpaid402.toFixed(0)} req/s`, (unpaid402 / bareJson).toFixed(2)],
      [`paid download, ${BUYERS} sequential`, `p50 ${percentile(sequential, 50).toFixed(0)} ms, p95 ${percentile(sequential, 95).toFixed(0)} ms`, "—"],
      [`paid download, ${BUYERS} concurrent`, `p50 ${percentile(concurrent, 50).toFixed(0)} ms, p95 ${percentile(concurrent, 95).toFixed(0)} ms`, (percentile(concurrent, 50) / percentile(sequential, 50)).toFixed(2)],
    ];
    console.log(`\n${UNPAID_REQUESTS} unpaid requests at concurrency ${CONCURRENCY}; ratio vs the bare JSON route (throughput) or vs sequential p50 (latency)\n`);
    const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column].length), 8));
    for (const row of [["case", "result", "ratio"], ...rows]) {
      console.log(row.map((cell, column) => cell.padEnd(widths[column])).join("  "));
    }
  } finally {
    await stopStore(store);
  }
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
