import { type PublicClient, createPublicClient, http } from "viem";
import type { ChainConfig } from "./networks";
import { rpcFetch } from "./rpc-fetch";

/** RPC calls give up after this long, so an unreachable node becomes a 503, not a hung request. */
export const RPC_TIMEOUT_MS = 10_000;

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
