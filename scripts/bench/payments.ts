// The paid path beside the official x402 libraries' own seller (scripts/bench/official-server.ts),
// same file, same price and payTo, same devnet, measured one after the other in the same run:
// fresh buyers paying at once, one payment at a time, and RPC round trips per payment.
import { decodePaymentRequiredHeader } from "@x402/core/http";
import type { PaymentRequirements } from "@x402/core/types";
import { privateKeyToAccount } from "viem/accounts";
import type { DevnetFile } from "@/lib/devnet/devnet-file";
import { cpuTimeMsOf, serverPidOf } from "@/lib/testing/server-process";
import { createPayingFetch } from "@/lib/x402/paying-fetch";
import { type PaidRun, fundFreshBuyers, payAtOnce, payOneByOne, percentile } from "./fresh-buyers";
import type { GoalRow } from "./goals";
import { startOfficialServer } from "./official-server";
import { officialRpcPerPayment, storeRpcPerPayment } from "./rpc-per-payment";
import { printTable } from "./table";

const SLUG = "midnight-blocks";
const FRESH_BUYERS = Number(process.env.BENCH_FRESH_BUYERS ?? 100);
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL_PAYMENTS ?? 20);
const COUNTED = Number(process.env.BENCH_COUNTED_PAYMENTS ?? 5);

/** The store's terms for the item (from its 402) and the paid file's bytes (bought once). */
async function storeOffer(url: string, devnet: DevnetFile): Promise<{ terms: PaymentRequirements; file: { bytes: Buffer; mimeType: string } }> {
  const unpaid = await fetch(url);
  await unpaid.arrayBuffer();
  const [terms] = decodePaymentRequiredHeader(unpaid.headers.get("payment-required") ?? "").accepts;
  const pay = createPayingFetch({ signer: privateKeyToAccount(devnet.buyers[0].privateKey), network: devnet.network, asset: devnet.usdc, maxAtomicPerPayment: BigInt(terms.amount) });
  const paid = await pay(url);
  if (paid.status !== 200) throw new Error(`buying ${url} for the baseline's copy answered ${paid.status}`);
  return { terms, file: { bytes: Buffer.from(await paid.arrayBuffer()), mimeType: paid.headers.get("content-type") ?? "application/octet-stream" } };
}

const describe = (run: PaidRun) =>
  `${run.paidPerSecond.toFixed(1)} paid/s, p50 ${percentile(run.latenciesMs, 50).toFixed(0)} ms, p95 ${percentile(run.latenciesMs, 95).toFixed(0)} ms`;

/** `run`, with the processor time per payment it cost this process and the store's server. */
async function withCpu(storeServer: number, payments: number, run: () => Promise<PaidRun>): Promise<PaidRun & { benchCpuMs: number; storeCpuMs: number }> {
  const [bench, store] = [process.cpuUsage(), cpuTimeMsOf(storeServer)];
  const result = await run();
  const benchUsed = process.cpuUsage(bench);
  return { ...result, benchCpuMs: (benchUsed.user + benchUsed.system) / 1000 / payments, storeCpuMs: (cpuTimeMsOf(storeServer) - store) / payments };
}

export async function benchPayments(store: { url: string; devnet: DevnetFile; pid: number }): Promise<GoalRow[]> {
  const { devnet } = store;
  const storeServer = serverPidOf(store.pid);
  const storeUrl = `${store.url}/api/download/${SLUG}`;
  const offer = await storeOffer(storeUrl, devnet);

  // Baseline first, then the store: never both at once on this machine.
  const official = await startOfficialServer({ devnet, rpcUrl: devnet.rpcUrl, ...offer });
  let baseline: { atOnce: PaidRun & { benchCpuMs: number; storeCpuMs: number }; oneByOne: PaidRun };
  try {
    const oneByOne = await payOneByOne(official.url, devnet, await fundFreshBuyers(devnet, SEQUENTIAL));
    const buyers = await fundFreshBuyers(devnet, FRESH_BUYERS);
    baseline = { oneByOne, atOnce: await withCpu(storeServer, FRESH_BUYERS, () => payAtOnce(official.url, devnet, buyers)) };
  } finally {
    await official.close();
  }
  const oneByOne = await payOneByOne(storeUrl, devnet, await fundFreshBuyers(devnet, SEQUENTIAL));
  const buyers = await fundFreshBuyers(devnet, FRESH_BUYERS);
  const ours = { oneByOne, atOnce: await withCpu(storeServer, FRESH_BUYERS, () => payAtOnce(storeUrl, devnet, buyers)) };
  const rpc = {
    baseline: await officialRpcPerPayment(devnet, offer.terms, offer.file, COUNTED),
    store: await storeRpcPerPayment(devnet, SLUG, COUNTED),
  };

  const sizeKb = (offer.file.bytes.length / 1024).toFixed(0);
  console.log(`\nPaid downloads of ${SLUG} (${sizeKb} KiB), the store beside the official libraries' server\n`);
  printTable([
    ["case", "official libraries", "store"],
    [`${SEQUENTIAL} fresh payments one by one`, describe(baseline.oneByOne), describe(ours.oneByOne)],
    [`${FRESH_BUYERS} fresh buyers at once`, describe(baseline.atOnce), describe(ours.atOnce)],
    // Where the processor goes: the bench process runs the buyers, and in the baseline's run also the official server.
    [
      `processor time per payment, ${FRESH_BUYERS} at once`,
      `${baseline.atOnce.benchCpuMs.toFixed(1)} ms in the bench process (buyers + official server)`,
      `${ours.atOnce.storeCpuMs.toFixed(1)} ms in the store's server, ${ours.atOnce.benchCpuMs.toFixed(1)} ms in the bench process (buyers)`,
    ],
    [`RPC calls per payment (${COUNTED} counted)`, `${rpc.baseline.total.toFixed(1)}: ${rpc.baseline.byMethod}`, `${rpc.store.total.toFixed(1)}: ${rpc.store.byMethod}`],
  ]);

  const paidRatio = ours.atOnce.paidPerSecond / baseline.atOnce.paidPerSecond;
  const [storeP50, baselineP50] = [percentile(ours.oneByOne.latenciesMs, 50), percentile(baseline.oneByOne.latenciesMs, 50)];
  return [
    {
      measure: `${FRESH_BUYERS} fresh buyers paying at once, paid/s`,
      baseline: `official libraries' server: ${baseline.atOnce.paidPerSecond.toFixed(1)} paid/s`,
      result: `${ours.atOnce.paidPerSecond.toFixed(1)} paid/s`,
      ratio: paidRatio,
      goal: "≥ 1.0×",
      met: paidRatio >= 1,
    },
    {
      measure: `paid download ≤ 1 MB (${sizeKb} KiB), p50 of ${SEQUENTIAL}`,
      baseline: `official libraries' server: ${baselineP50.toFixed(0)} ms`,
      result: `${storeP50.toFixed(0)} ms`,
      ratio: storeP50 / baselineP50,
      goal: "≤ 1.2×",
      met: storeP50 / baselineP50 <= 1.2,
    },
    {
      measure: "RPC calls per payment",
      baseline: `official libraries' server: ${rpc.baseline.total.toFixed(1)}`,
      result: rpc.store.total.toFixed(1),
      ratio: rpc.store.total / rpc.baseline.total,
      goal: "reported",
      met: true,
    },
  ];
}
