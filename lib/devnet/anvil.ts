import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fetchChainId } from "@/lib/chain/rpc-chain-id";

export const DEVNET_CHAIN_ID = 31337;

export type RunningAnvil = {
  rpcUrl: string;
  pid: number;
  stop(): Promise<void>;
};

/** The anvil binary shipped by @foundry-rs/anvil's platform package (no download at install). */
function anvilBinary(): string {
  const arch = process.arch === "x64" ? "amd64" : process.arch;
  const platformPackage = `@foundry-rs/anvil-${process.platform}-${arch}`;
  try {
    const manifest = createRequire(import.meta.url).resolve(`${platformPackage}/package.json`);
    return path.join(path.dirname(manifest), "bin", "anvil");
  } catch {
    throw new Error(`anvil is not installed for ${process.platform}/${process.arch} (${platformPackage}); run npm install`);
  }
}

/**
 * Starts anvil on 127.0.0.1. The binary is spawned directly (not through npx) so that the PID we
 * hold is anvil's own and stopping it cannot leave an orphan behind.
 */
export async function startAnvil(options: {
  port: number;
  statePath?: string;
  /** Genesis time in Unix seconds; anvil's clock then runs from it (tests start chains in the past). */
  genesisTimestamp?: number;
  /** Another chain id than the devnet's, e.g. Base Sepolia's for the rehearsal chain. */
  chainId?: number;
  /** Also mine a block every this many seconds, as a live chain does (transactions still mine at once). */
  blockTimeSeconds?: number;
}): Promise<RunningAnvil> {
  const rpcUrl = `http://127.0.0.1:${options.port}`;
  if ((await fetchChainId(rpcUrl, 1000)) !== null) {
    throw new Error(`port ${options.port} is already in use (another anvil?); stop it or set ANVIL_PORT`);
  }
  const args = ["--host", "127.0.0.1", "--port", String(options.port), "--chain-id", String(options.chainId ?? DEVNET_CHAIN_ID)];
  if (options.statePath) args.push("--state", options.statePath, "--state-interval", "5");
  if (options.genesisTimestamp !== undefined) args.push("--timestamp", String(options.genesisTimestamp));
  if (options.blockTimeSeconds !== undefined) args.push("--block-time", String(options.blockTimeSeconds), "--mixed-mining");
  const child: ChildProcess = spawn(anvilBinary(), args, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timeout = setTimeout(() => child.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timeout);
  };

  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    if ((await fetchChainId(rpcUrl, 1000)) !== null) return { rpcUrl, pid: child.pid!, stop };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`anvil did not start on ${rpcUrl}: ${stderr.trim().split("\n").pop() ?? "no output"}`);
}
