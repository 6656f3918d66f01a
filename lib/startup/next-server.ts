import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

/**
 * How far V8 lets the old generation grow past what the last full collection kept alive: 30 %.
 * V8's own default on a machine with this much memory is up to 4× (MemoryController::MaxGrowingFactor),
 * so under steady traffic the server's heap filled with dead request objects and its RSS rose from
 * 690 MiB (after a warm-up) to 890 MiB over 20,000 mixed requests, then fell back at the next full
 * collection: a sawtooth of garbage, not a leak. Measured with a forced full GC after each 20,000
 * requests, the live heap stayed at 159, 162, 163 MiB (issue 14; scripts/bench/transfer.ts).
 * The cost is more frequent full collections (concurrent marking on a live heap of ~160 MiB).
 * Unlike --max-old-space-size it sets no ceiling: a store with a larger live heap still runs, it
 * only collects sooner. Cluster workers inherit the flag (cluster.fork passes process.execArgv).
 */
const HEAP_GROWING = "--heap-growing-percent=30";

export type RunningServer = { child: ChildProcess; url: string; exited: Promise<number> };

/**
 * Starts the Next.js server (scripts/serve.ts) as a child process running node directly (not
 * through npx), so the PID we hold is the server's own. Resolves once `/api/health` answers, or
 * rejects after `timeoutMs`.
 */
export async function startNextServer(options: {
  host: string;
  port: number;
  dev: boolean;
  env: NodeJS.ProcessEnv;
  timeoutMs?: number;
}): Promise<RunningServer> {
  const child = spawn(
    process.execPath,
    // Node refuses headers over 16 KB with a bare 431; allow more so that an oversized payment
    // header reaches the paywall and gets its machine-readable reason.
    ["--max-http-header-size=65536", HEAP_GROWING, "--import", "tsx", path.join(process.cwd(), "scripts", "serve.ts"), ...(options.dev ? ["--dev"] : [])],
    { env: { ...options.env, HOST: options.host, PORT: String(options.port) }, stdio: ["ignore", "inherit", "inherit"] },
  );
  const exited = new Promise<number>((resolve) => child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
  const url = `http://${options.host}:${options.port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the Next.js server exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return { child, url, exited };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill("SIGTERM");
  throw new Error(`the Next.js server did not answer ${url}/api/health in time`);
}
