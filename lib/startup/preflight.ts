import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import net from "node:net";
import { fetchChainId } from "@/lib/chain/rpc-chain-id";

/** A startup problem, reported as one line without a stack trace. */
export class StartupError extends Error {
  override name = "StartupError";
}

export async function assertPortFree(host: string, port: number, variable: string) {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new StartupError(
          error.code === "EADDRINUSE"
            ? `port ${port} on ${host} is already in use; stop what is using it or set ${variable}`
            : `cannot listen on ${host}:${port} (${error.code ?? error.message}); check HOST and ${variable}`,
        ),
      ),
    );
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/** Checks that the RPC answers and serves the expected chain. */
export async function assertRpcChain(rpcUrl: string, expectedChainId: number) {
  const chainId = await fetchChainId(rpcUrl, 5000);
  if (chainId === null) {
    throw new StartupError(`RPC_URL ${new URL(rpcUrl).origin} is unreachable (no answer to eth_chainId within 5 s)`);
  }
  if (chainId !== expectedChainId) {
    throw new StartupError(`RPC_URL serves chain ${chainId}, but NETWORK expects chain ${expectedChainId}`);
  }
}

/** The storage folder must exist when configured explicitly; the default one is created. */
export async function ensureStorageDir(dir: string, explicitlyConfigured: boolean) {
  if (explicitlyConfigured && !existsSync(dir)) {
    throw new StartupError(`STORAGE_DIR ${dir} does not exist; create it or unset STORAGE_DIR`);
  }
  await mkdir(dir, { recursive: true });
}
