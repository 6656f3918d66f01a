import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

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
    ["--max-http-header-size=65536", "--import", "tsx", path.join(process.cwd(), "scripts", "serve.ts"), ...(options.dev ? ["--dev"] : [])],
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
