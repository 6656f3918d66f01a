import { getAddress } from "viem";
import { getPendingPayments, markPaymentFailed, markPaymentSettled } from "@/db/queries/payments";
import type { Payment } from "@/db/schema";
import { getChainConfig } from "@/lib/chain/config";
import { getPublicClient } from "@/lib/chain/public-client";
import { readOnchainOutcome } from "./onchain-outcome";

/** A settlement quiet for this long is treated as abandoned by its process (crash, lost answer) and may be retried. */
export const SETTLEMENT_STALE_MS = 60_000;
/** Settlements younger than this are left to the request settling them. */
const SETTLING_GRACE_MS = 5_000;

export type ReconcileResult = "settled" | "failed" | "pending";

/**
 * Decides a pending payment from the chain: the authorization was used → settled, with the
 * transaction that used it; unused and past validBefore → failed (it can never move money);
 * otherwise it stays pending.
 */
export async function reconcilePayment(payment: Payment, now = Date.now()): Promise<ReconcileResult> {
  const outcome = await readOnchainOutcome({
    client: getPublicClient(),
    usdc: getChainConfig().usdc,
    payer: getAddress(payment.payer),
    nonce: payment.nonce as `0x${string}`,
    fromBlock: payment.claimBlock,
  });
  if (outcome.used && outcome.transactionHash) {
    await markPaymentSettled({ id: payment.id, transactionHash: outcome.transactionHash });
    return "settled";
  }
  if (!outcome.used && payment.validBefore !== null && payment.validBefore * 1000n < BigInt(now)) {
    await markPaymentFailed({ id: payment.id, reason: "authorization_expired" });
    return "failed";
  }
  return "pending";
}

/**
 * Reconciles the pending payments (all but those settling right now). Only reads the chain and
 * moves rows out of `pending`, so any number of processes may run it at once.
 */
export async function reconcilePendingPayments({ graceMs = SETTLING_GRACE_MS } = {}): Promise<Record<ReconcileResult, number>> {
  const counts = { settled: 0, failed: 0, pending: 0 };
  const pending = await getPendingPayments({ startedBefore: new Date(Date.now() - graceMs), limit: 500 });
  for (const payment of pending) counts[await reconcilePayment(payment)]++;
  return counts;
}
