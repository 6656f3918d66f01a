import { rmSync } from "node:fs";
import { stopStore } from "../../lib/testing/store-process";
import { knownSecrets, leaksIn, storeLog } from "./log-scan";

/** Stops the suite's store, then scans everything it printed during the whole run for secrets. */
export default async function globalTeardown() {
  if (process.env.E2E_STORE_PID) await stopStore({ pid: Number(process.env.E2E_STORE_PID) });
  if (process.env.E2E_SEEDED_TEMPLATE) rmSync(process.env.E2E_SEEDED_TEMPLATE, { recursive: true, force: true });
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir) return;
  const leaks = leaksIn(storeLog(dataDir), knownSecrets());
  rmSync(dataDir, { recursive: true, force: true });
  if (leaks.length > 0) throw new Error(`the store's output during the suite contains secrets: ${leaks.join(", ")}`);
}
