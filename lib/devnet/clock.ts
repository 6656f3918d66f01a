import type { PublicClient } from "viem";

/** A live chain such as Base makes a block every 2 s; an older latest block means anvil sat idle. */
const MAX_BLOCK_AGE_SECONDS = 2;

/**
 * Keeps the devnet's clock at the wall clock for payments. Anvil without interval mining keeps its
 * last block's timestamp while idle (and after a restart on saved state), and eth_call at "latest"
 * runs at that time: a payment whose `validAfter` lies after the last block fails the facilitator's
 * simulation, though it is valid by the wall clock and the transaction itself would be mined now.
 * Mining one empty block at the wall-clock time first makes the devnet behave like a live chain.
 * Devnet only (anvil's `evm_mine`): a real chain makes its own blocks.
 *
 * Returns a function to await before verifying a payment; concurrent callers share one check.
 * Given the payment's `validAfter`, it costs no RPC call once a block later than that was seen
 * here: block times only grow, and the token wants `block.timestamp > validAfter`, nothing more.
 * It never throws: with the chain unreachable, the verification that follows reports that itself.
 */
export function devnetClock(client: PublicClient): (validAfter?: bigint) => Promise<void> {
  let pending: Promise<void> | undefined;
  let knownTimestamp = -1n;
  const freshen = async () => {
    const latest = await client.getBlock({ blockTag: "latest" });
    if (latest.timestamp > knownTimestamp) knownTimestamp = latest.timestamp;
    const now = Math.floor(Date.now() / 1000);
    if (Number(latest.timestamp) >= now - MAX_BLOCK_AGE_SECONDS) return;
    // The explicit timestamp also sets anvil's own clock to the wall clock: after a chain that ran
    // behind, the blocks that follow (the settlement) are on the wall clock too.
    await client.request({ method: "evm_mine", params: [now] } as never);
    knownTimestamp = BigInt(now);
  };
  return (validAfter) => {
    if (validAfter !== undefined && knownTimestamp > validAfter) return Promise.resolve();
    pending ??= freshen()
      .catch(() => {})
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };
}
