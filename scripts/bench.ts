// `npm run bench`: unpaid-402 throughput beside a constant JSON route on the same server, paid-download
// latency for sequential and concurrent buyers on the devnet, and the item page's weight and speed on a
// slow phone; then every section's goals in one table. Needs a build (`npm run build`).
// `--only=<section>` runs one section.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { DevnetFile } from "@/lib/devnet/devnet-file";
import { NO_RATE_LIMITS, startStore, stopStore } from "@/lib/testing/store-process";
import { type GoalRow, printGoals } from "./bench/goals";
import { benchItemPage } from "./bench/item-page-report";
import { benchPayments } from "./bench/payments";
import { benchThroughput } from "./bench/throughput";
import { benchTransfer } from "./bench/transfer";

const SECTIONS = { throughput: benchThroughput, payments: benchPayments, "item-page": benchItemPage, transfer: benchTransfer } as const;
type Section = keyof typeof SECTIONS;

function chosenSections(): Section[] {
  const only = process.argv.find((argument) => argument.startsWith("--only="))?.slice("--only=".length);
  if (!only) return Object.keys(SECTIONS) as Section[];
  if (!(only in SECTIONS)) throw new Error(`--only must be one of ${Object.keys(SECTIONS).join(", ")}`);
  return [only as Section];
}

async function main() {
  const sections = chosenSections();
  const store = await startStore(NO_RATE_LIMITS);
  try {
    const devnet = JSON.parse(readFileSync(path.join(store.dataDir, "devnet.json"), "utf8")) as DevnetFile;
    const goals: GoalRow[] = [];
    for (const section of sections) goals.push(...(await SECTIONS[section]({ url: store.url, devnet })));
    printGoals(goals);
  } finally {
    await stopStore(store);
  }
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
