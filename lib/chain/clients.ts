import { type PublicClient, createPublicClient, http } from "viem";
import type { ChainConfig } from "./networks";

/** RPC calls give up after this long, so an unreachable node becomes a 503, not a hung request. */
export const RPC_TIMEOUT_MS = 10_000;

/**
 * The fetch JSON-RPC calls go out with: Node's own. Inside the server Next.js wraps the global fetch
 * in its data cache, deduplication and tracing, which an RPC POST never uses but pays for on each of
 * a payment's calls; the wrapper keeps the original on `_nextOriginalFetch`. Outside Next, the global.
 */
export const rpcFetch: typeof fetch = (input, init) => {
  const global = globalThis.fetch as typeof fetch & { _nextOriginalFetch?: typeof fetch };
  return (global._nextOriginalFetch ?? global)(input, init);
};

export function createChainPublicClient(chain: ChainConfig): PublicClient {
  return createPublicClient({
    chain: chain.chain,
    transport: http(chain.rpcUrl, { timeout: RPC_TIMEOUT_MS, retryCount: 1, fetchFn: rpcFetch }),
    // Receipts on anvil arrive within milliseconds; Base blocks every 2 s.
    pollingInterval: chain.name === "devnet" ? 50 : 500,
  }) as PublicClient;
}

/** Whether the RPC answers at all, within a couple of seconds. */
export async function chainReachable(client: PublicClient): Promise<boolean> {
  try {
    await Promise.race([
      client.getChainId(),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 2000)),
    ]);
    return true;
  } catch {
    return false;
  }
}
