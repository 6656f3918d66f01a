import { rmSync } from "node:fs";
import { stopStore } from "../../lib/testing/store-process";

export default async function globalTeardown() {
  if (process.env.E2E_STORE_PID) await stopStore({ pid: Number(process.env.E2E_STORE_PID) });
  if (process.env.E2E_DATA_DIR) rmSync(process.env.E2E_DATA_DIR, { recursive: true, force: true });
}
