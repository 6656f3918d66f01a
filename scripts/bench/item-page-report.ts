// The item page's weight and slow-phone speed, printed beside the numbers from before the change.
import type { DevnetFile } from "@/lib/devnet/devnet-file";
import { SLOW_PHONE, connectWorksAfter, itemPageScripts } from "./item-page";
import type { GoalRow } from "./goals";
import { printTable } from "./table";

const ITEM = "field-notes-on-stablecoins";
const RUNS = Number(process.env.BENCH_PHONE_RUNS ?? 3);

/** Measured with this bench on commit e7ce165 (compress: false, the wallet stack in the root layout), 2026-11-27, 2 shared cores at load ~17; Connect runs 11.2, 12.5, 12.8 s. */
const BEFORE = { commit: "e7ce165", rawKb: 1481, compressedKb: 1481, walletKb: 1481, connectMs: 12_523 };
const GOALS = { compressedKb: 250, connectMs: 2500 };

const kb = (bytes: number) => bytes / 1024;

export async function benchItemPage(store: { url: string; devnet: DevnetFile }): Promise<GoalRow[]> {
  const pageUrl = `${store.url}/items/${ITEM}`;
  await fetch(pageUrl); // warm-up: the first render compiles nothing but opens the database
  const scripts = await itemPageScripts(pageUrl);
  const measured: Awaited<ReturnType<typeof connectWorksAfter>>[] = [];
  for (let run = 0; run < RUNS; run++) measured.push(await connectWorksAfter(pageUrl, store.devnet));
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const asked = measured.map((run) => run.askedMs);
  const shown = measured.map((run) => run.ms);
  const [askedMs, shownMs] = [median(asked), median(shown)];
  const walletScripts = [...measured].sort((a, b) => a.ms - b.ms)[Math.floor(measured.length / 2)].scripts;

  console.log(
    `\n/items/${ITEM}: JavaScript transferred until the network is quiet, no interaction, no wallet in the browser; with a wallet: scripts` +
      ` transferred by the time it is connected. From navigation start, tapping Connect as soon as it is enabled and every 400 ms` +
      ` until something happens: "Connect works" = the tap asks the wallet for its accounts (its prompt opens; medians of ${RUNS}:` +
      ` ${asked.join(", ")} ms); "address shown" = the page shows the connected wallet (${shown.join(", ")} ms). On a slow phone` +
      ` (${SLOW_PHONE.downloadBitsPerSecond / 1e6} Mbps down, ${SLOW_PHONE.uploadBitsPerSecond / 1e3} kbps up, ${SLOW_PHONE.latencyMs} ms RTT, ${SLOW_PHONE.cpuSlowdown}× CPU).` +
      ` Before (${BEFORE.commit}) both were the same moment: Connect waited for wagmi.\n`,
  );
  printTable([
    ["item page", `before (${BEFORE.commit})`, "now", "goal", "met"],
    ["JavaScript, raw", `${BEFORE.rawKb.toFixed(0)} KB`, `${kb(scripts.raw).toFixed(0)} KB (${scripts.files} files)`, "—", "—"],
    ["JavaScript, compressed", `${BEFORE.compressedKb.toFixed(0)} KB`, `${kb(scripts.compressed).toFixed(0)} KB`, `≤ ${GOALS.compressedKb} KB`, kb(scripts.compressed) <= GOALS.compressedKb ? "yes" : "NO"],
    ["JavaScript with a wallet, compressed", `${BEFORE.walletKb.toFixed(0)} KB`, `${kb(walletScripts.compressed).toFixed(0)} KB (${walletScripts.files} files)`, "—", "—"],
    ["Connect works (the tap asks the wallet), slow phone", `${(BEFORE.connectMs / 1000).toFixed(1)} s`, `${(askedMs / 1000).toFixed(1)} s`, `≤ ${GOALS.connectMs / 1000} s`, askedMs <= GOALS.connectMs ? "yes" : "NO"],
    ["connected address shown, slow phone", `${(BEFORE.connectMs / 1000).toFixed(1)} s`, `${(shownMs / 1000).toFixed(1)} s`, "—", "—"],
  ]);
  return [
    { measure: "item page JavaScript, compressed", baseline: `${BEFORE.compressedKb} KB before (${BEFORE.commit})`, result: `${kb(scripts.compressed).toFixed(0)} KB`, goal: `≤ ${GOALS.compressedKb} KB`, met: kb(scripts.compressed) <= GOALS.compressedKb },
    { measure: "Connect works (the tap asks the wallet), slow phone", baseline: `${(BEFORE.connectMs / 1000).toFixed(1)} s before (${BEFORE.commit})`, result: `${(askedMs / 1000).toFixed(1)} s`, goal: `≤ ${GOALS.connectMs / 1000} s`, met: askedMs <= GOALS.connectMs },
    { measure: "connected address shown, slow phone", baseline: `${(BEFORE.connectMs / 1000).toFixed(1)} s before (${BEFORE.commit})`, result: `${(shownMs / 1000).toFixed(1)} s`, goal: "reported", met: true },
  ];
}
