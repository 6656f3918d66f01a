import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, createWriteStream, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./free-port";

export type StartedStore = { url: string; dataDir: string; pid: number; child: ChildProcess; output: () => string };

// npm scripts run from the repository root.
const ROOT = process.cwd();

// Data folders startStore made: stopStore removes them, also when a store was restarted on one.
const createdDataDirs = new Set<string>();

/** Load tests and suites send everything from 127.0.0.1: one client, as far as rate limits go. */
export const NO_RATE_LIMITS = {
  RATE_LIMIT_UNPAID_PER_MINUTE: "1000000",
  RATE_LIMIT_SIGN_IN_PER_MINUTE: "1000000",
  RATE_LIMIT_UPLOADS_PER_HOUR: "1000000",
  RATE_LIMIT_REFUSED_PER_PAYER_PER_MINUTE: "1000000",
  RATE_LIMIT_REDOWNLOADS_PER_HOUR: "1000000",
};

/** Refuses anything but a database on this machine: tests drop and create data. */
export function assertLocalDatabase(databaseUrl: string | undefined) {
  if (!databaseUrl) return;
  const host = new URL(databaseUrl).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) {
    throw new Error(`tests refuse to run against a non-local database (${host})`);
  }
}

/**
 * Starts the store exactly as `npm start` does (after the build), on free ports and a fresh data
 * folder (or a given one, to restart a store), and resolves when it serves. The PID is the start
 * command's: SIGTERM stops the server and its anvil. A fresh folder is removed by stopStore.
 */
export async function startStore(extraEnv: Record<string, string> = {}, options: { dataDir?: string } = {}): Promise<StartedStore> {
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    throw new Error("no production build: run `npm run build` first (npm test does)");
  }
  assertLocalDatabase(extraEnv.DATABASE_URL ?? process.env.DATABASE_URL);
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), "storefront-e2e-"));
  if (!options.dataDir) {
    createdDataDirs.add(dataDir);
    const template = process.env.E2E_SEEDED_TEMPLATE;
    if (template && canStartFromTemplate(extraEnv)) cpSync(template, dataDir, { recursive: true });
  }
  const [port, anvilPort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      HOST: "127.0.0.1",
      PORT: String(port),
      ANVIL_PORT: String(anvilPort),
      DATA_DIR: dataDir,
      RPC_URL: "",
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  // Also kept in the data folder, where the log-scan test reads everything the server printed.
  const log = createWriteStream(path.join(dataDir, "store.log"), { flags: "a" });
  const record = (chunk: Buffer) => {
    output += chunk.toString();
    log.write(chunk);
  };
  child.stdout?.on("data", record);
  child.stderr?.on("data", record);
  child.once("exit", () => log.end());
  const url = `http://127.0.0.1:${port}`;
  // A bound for a hung start, not an expectation: `npm test` starts stores of its two passes at
  // once, and on a loaded machine one start took over 90 s.
  const deadline = Date.now() + 240_000;
  let problem = "did not start within 240 s";
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      problem = "exited during start";
      break;
    }
    if (output.includes("x402 Storefront ready")) return { url, dataDir, pid: child.pid!, child, output: () => output };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stopStore({ pid: child.pid!, dataDir });
  throw new Error(`the store ${problem}:\n${output}`);
}

// Settings that change what a fresh data folder would hold: such a store must make its own.
const DATA_SHAPING_SETTINGS = ["DATABASE_URL", "SEED_DEMO", "STORAGE_DIR", "S3_BUCKET", "DATA_DIR"];

function canStartFromTemplate(extraEnv: Record<string, string>) {
  // An empty DATABASE_URL is PGlite, as isolatedDatabase() gives on the PGlite pass.
  return !process.env.DATABASE_URL && !DATA_SHAPING_SETTINGS.some((name) => extraEnv[name]);
}

/**
 * Makes the suite's seeded data template: a store started on a fresh folder (migrated and seeded by
 * the start command itself), stopped cleanly, with its chain state and logs removed. Fresh stores
 * then start from a copy, as a store restarts on its own data folder, and skip PGlite's
 * initialisation and the seeding, the slowest part of a start. The chain is fresh every time: the
 * seeded rows hold no chain state, and the devnet's contracts land at the same addresses.
 */
export async function makeSeededTemplate(): Promise<string> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "storefront-template-"));
  const store = await startStore({}, { dataDir });
  await stopStore(store);
  for (const runState of ["anvil-state.json", "devnet.json", "store.log"]) {
    rmSync(path.join(dataDir, runState), { force: true });
  }
  return dataDir;
}

async function stopProcess(pid: number) {
  // Taken before the signal: a start command stopped half-way has no handler yet and would leave
  // its anvil and server behind, re-parented and out of reach.
  const descendants = descendantsOf(pid);
  try {
    process.kill(pid, "SIGTERM");
  } catch {
    return;
  }
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline && [pid, ...descendants].some(isAlive)) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  for (const left of [pid, ...descendants].filter(isAlive)) process.kill(left, "SIGKILL");
}

/** Whether a process with this PID still exists. */
export function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Every process below `pid`, read from /proc (the test machines are Linux); none elsewhere. */
function descendantsOf(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of existsSync("/proc") ? readdirSync("/proc") : []) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name in parentheses may hold spaces: the fields after its closing one are fixed.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // Exited while we read.
    }
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const [child, ppid] of parentOf) {
      if (ppid === parent) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

/**
 * Stops a store and its anvil, and removes the data folder if startStore made it. Pass
 * `keepDataDir` to start it again on the same folder afterwards.
 */
export async function stopStore(store: { pid: number; dataDir?: string }, options: { keepDataDir?: boolean } = {}) {
  await stopProcess(store.pid);
  if (store.dataDir && !options.keepDataDir && createdDataDirs.delete(store.dataDir)) {
    rmSync(store.dataDir, { recursive: true, force: true, maxRetries: 3 });
  }
}
