// `npm run bench`: unpaid-402 throughput beside a constant JSON route on the same server, paid-download
// latency for sequential and concurrent buyers on the devnet, and the item page's weight and speed on a
// slow phone; then every section's goals in one table. Needs a build (`npm run build`).
// `--only=<section>[,<section>…]` runs some sections.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { DevnetFile } from "@/lib/devnet/devnet-file";
import { NO_RATE_LIMITS, startStore, stopStore } from "@/lib/testing/store-process";
import { benchCatalogScale } from "./bench/catalog-scale";
import { benchCluster } from "./bench/cluster";
import { type GoalRow, printGoals } from "./bench/goals";
import { benchItemPage } from "./bench/item-page-report";
import { benchPayments } from "./bench/payments";
import { benchThroughput } from "./bench/throughput";
import { benchTransfer } from "./bench/transfer";

const SECTIONS = {
  throughput: benchThroughput,
  payments: benchPayments,
  "item-page": benchItemPage,
  "catalog-scale": benchCatalogScale,
  cluster: benchCluster,
  transfer: benchTransfer,
} as const;
type Section = keyof typeof SECTIONS;

function chosenSections(): Section[] {
  const only = process.argv.find((argument) => argument.startsWith("--only="))?.slice("--only=".length);
  if (!only) return Object.keys(SECTIONS) as Section[];
  const chosen = only.split(",");
  const unknown = chosen.filter((name) => !(name in SECTIONS));
  if (unknown.length > 0) throw new Error(`unknown section ${unknown.join(", ")}: --only takes a comma-separated list of ${Object.keys(SECTIONS).join(", ")}`);
  return chosen as Section[];
}

async function main() {
  const sections = chosenSections();
  const store = await startStore(NO_RATE_LIMITS);
  try {
    const devnet = JSON.parse(readFileSync(path.join(store.dataDir, "devnet.json"), "utf8")) as DevnetFile;
    const goals: GoalRow[] = [];
    for (const section of sections) goals.push(...(await SECTIONS[section]({ url: store.url, devnet, pid: store.pid })));
    printGoals(goals);
  } finally {
    await stopStore(store);
  }
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
