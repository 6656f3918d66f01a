// More than one server process behind one port (WEB_CONCURRENCY > 1), with Node's `cluster`: the
// primary holds the port and hands connections to its workers in turn, so the store stays one
// address with one start command and one PID to stop, and needs no proxy process or dependency.
// Separate ports behind a proxy would add a second program to configure, start and stop for no gain
// on one machine. Everything shared lives in PostgreSQL, hence the one-process rule for PGlite.
import cluster, { type Worker } from "node:cluster";
import { type Hex, createTestClient, http, parseEther } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { z } from "zod";
import { BACKGROUND_JOBS_VARIABLE } from "./background-jobs";
import { StartupError } from "./preflight";

const workerCount = z.coerce.number().int().min(1).max(64);

/** WEB_CONCURRENCY: how many server processes to run (1 unless set). */
export function webConcurrency(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return 1;
  const parsed = workerCount.safeParse(value);
  if (!parsed.success) throw new StartupError(`WEB_CONCURRENCY must be a whole number from 1 to 64, not "${value}"`);
  return parsed.data;
}

/**
 * What N > 1 processes need, checked before anything starts: PostgreSQL (PGlite has no
 * cross-process lock and loses writes), rate limits counted in the database (in memory each
 * process would count alone, N times looser), and, with the embedded facilitator off the devnet,
 * one gas wallet per process (FACILITATOR_PRIVATE_KEYS): viem's nonce manager counts in one
 * process, so two processes settling from one wallet collide on its transaction nonce. Returns
 * the settings the server processes get.
 */
export function clusterSettings(env: {
  workers: number;
  databaseUrl?: string;
  rateLimitStore?: string;
  devnet?: boolean;
  facilitatorUrl?: string;
  facilitatorKeys?: string;
}): Record<string, string> {
  if (env.workers === 1) return {};
  if (!env.databaseUrl) {
    throw new StartupError(
      `WEB_CONCURRENCY=${env.workers} needs PostgreSQL (DATABASE_URL): the embedded PGlite database allows one process; unset WEB_CONCURRENCY to run one`,
    );
  }
  if (env.rateLimitStore === "memory") {
    throw new StartupError(`WEB_CONCURRENCY=${env.workers} with RATE_LIMIT_STORE=memory would count each limit per process; use RATE_LIMIT_STORE=database`);
  }
  if (!env.devnet && !env.facilitatorUrl) {
    const keys = new Set((env.facilitatorKeys ?? "").split(",").map((key) => key.trim().toLowerCase()).filter(Boolean));
    if (keys.size !== env.workers || ![...keys].every((key) => PRIVATE_KEY.test(key))) {
      throw new StartupError(
        `WEB_CONCURRENCY=${env.workers} with the embedded facilitator needs FACILITATOR_PRIVATE_KEYS: ${env.workers} different private keys, comma-separated, each with gas (one wallet per process), or FACILITATOR_URL`,
      );
    }
  }
  return { RATE_LIMIT_STORE: "database" };
}

const PRIVATE_KEY = /^0x[0-9a-f]{64}$/;

/**
 * On the devnet, gas wallets for the workers after the first (which keeps FACILITATOR_PRIVATE_KEY):
 * new keys given ETH with anvil_setBalance. Returns FACILITATOR_PRIVATE_KEYS for the primary.
 */
export async function devnetFacilitatorKeys(rpcUrl: string, first: Hex, workers: number): Promise<string> {
  const anvil = createTestClient({ mode: "anvil", transport: http(rpcUrl) });
  const more = Array.from({ length: workers - 1 }, () => generatePrivateKey());
  for (const key of more) await anvil.setBalance({ address: privateKeyToAccount(key).address, value: parseEther("1000") });
  return [first, ...more].join(",");
}

type Message = "prepared" | "listen";

/**
 * The primary: forks `count` workers running this same script, lets them listen once all are
 * prepared (so the first request already has every worker), stops them all on SIGTERM or SIGINT,
 * and stops them all when one dies: a supervisor (or the start command's caller) restarts the store
 * whole, and the reconciler's start-up round, which assumes nothing of this store is settling, stays right.
 */
export function runClusterPrimary(count: number) {
  const facilitatorKeys = process.env.FACILITATOR_PRIVATE_KEYS?.split(",").map((key) => key.trim());
  const workers: Worker[] = Array.from({ length: count }, (_, index) =>
    cluster.fork({
      [BACKGROUND_JOBS_VARIABLE]: index === 0 ? "true" : "false",
      ...(facilitatorKeys ? { FACILITATOR_PRIVATE_KEY: facilitatorKeys[index], FACILITATOR_PRIVATE_KEYS: "" } : {}),
    }),
  );
  let prepared = 0;
  let stopping = false;
  let exitCode = 0;
  for (const worker of workers) {
    worker.on("message", (message: Message) => {
      if (message === "prepared" && ++prepared === count) for (const each of workers) each.send("listen" satisfies Message);
    });
    worker.on("exit", (code, signal) => {
      if (!stopping) {
        console.error(`server worker ${worker.process.pid} exited (${signal ?? `code ${code}`}): stopping the others`);
        exitCode = 1;
        stop();
      }
      if (workers.every((each) => each.isDead())) process.exit(exitCode);
    });
  }
  const stop = () => {
    stopping = true;
    for (const worker of workers) if (!worker.isDead()) worker.process.kill("SIGTERM");
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  console.log(`server primary (pid ${process.pid}) with ${count} workers: ${workers.map((worker) => worker.process.pid).join(", ")}`);
}

/** In a worker: tells the primary it is prepared and resolves when every worker is. Outside a cluster, at once. */
export function whenClusterReady(): Promise<void> {
  if (!cluster.isWorker) return Promise.resolve();
  return new Promise((resolve) => {
    const onMessage = (message: Message) => {
      if (message !== "listen") return;
      process.off("message", onMessage);
      resolve();
    };
    process.on("message", onMessage);
    process.send!("prepared" satisfies Message);
  });
}
