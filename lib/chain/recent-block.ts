import type { PublicClient } from "viem";

/** How long a block number seen on the paid path stands in for the chain's head. */
const RECENT_MS = 10_000;

const seen = new Map<string, { number: bigint; at: number }>();

const keyOf = (client: PublicClient) => String((client.transport as { url?: string }).url ?? client.uid);

/** Records a block number the process learned anyway (a settlement's receipt, the devnet clock's block). */
export function noteBlockNumber(client: PublicClient, number: bigint) {
  const key = keyOf(client);
  const known = seen.get(key);
  if (!known || number >= known.number) seen.set(key, { number, at: Date.now() });
}

/**
 * A block number no later than where a transaction sent now will land: the claim block the
 * reconciler searches the chain from. Blocks only grow, so a number seen a few seconds ago is such
 * a lower bound and costs no `eth_blockNumber`; an older one is read again, which keeps the
 * reconciler's search short on a live chain. Null when the chain cannot be asked.
 */
export async function recentBlockNumber(client: PublicClient): Promise<bigint | null> {
  const known = seen.get(keyOf(client));
  if (known && Date.now() - known.at < RECENT_MS) return known.number;
  try {
    const number = await client.getBlockNumber();
    noteBlockNumber(client, number);
    return number;
  } catch {
    return null;
  }
}
