import { getAddress } from "viem";
import { getPendingPayments, markPaymentFailed, markPaymentSettled, notePaymentChecked } from "@/db/queries/payments";
import type { Payment } from "@/db/schema";
import { getChainConfig } from "@/lib/chain/config";
import { getPublicClient } from "@/lib/chain/public-client";
import { readOnchainOutcome } from "./onchain-outcome";

/** Settlements younger than this are left to the request settling them. */
const SETTLING_GRACE_MS = 5_000;
/** Rows from before validBefore was recorded: x402 authorizations live minutes, so a day is certainly past. */
const UNKNOWN_VALIDITY_MS = 86_400_000;

/** What the chain decided: settled, failed for good, not used yet, or undecided (keep asking). */
export type ReconcileResult = "settled" | "failed" | "unused" | "unknown";

/**
 * Decides a claimed payment from the chain and records it: paid as claimed → settled, with the
 * transaction; used otherwise, or unused past validBefore by the chain's clock → failed.
 */
export async function reconcilePayment(payment: Payment, now = Date.now()): Promise<ReconcileResult> {
  const outcome = await readOnchainOutcome(getPublicClient(), getChainConfig().usdc, {
    payer: getAddress(payment.payer),
    payTo: getAddress(payment.payTo),
    amountAtomic: payment.amountAtomic,
    nonce: payment.nonce as `0x${string}`,
    claimBlock: payment.claimBlock,
  });
  if (outcome.kind === "paid") {
    await markPaymentSettled({ id: payment.id, transactionHash: outcome.transactionHash });
    return "settled";
  }
  if (outcome.kind === "used-elsewhere") {
    await markPaymentFailed({ id: payment.id, reason: "authorization_used_elsewhere" });
    return "failed";
  }
  const expired =
    outcome.kind === "unused" &&
    (payment.validBefore === null ? payment.createdAt.getTime() < now - UNKNOWN_VALIDITY_MS : outcome.chainTime >= payment.validBefore);
  if (expired) {
    await markPaymentFailed({ id: payment.id, reason: "authorization_expired" });
    return "failed";
  }
  await notePaymentChecked({ id: payment.id });
  return outcome.kind === "unused" ? "unused" : "unknown";
}

/**
 * Reconciles the pending payments (all but those settling right now), least recently checked
 * first. Only reads the chain and moves rows out of `pending`, so any number of processes may run
 * it at once; one row's failure does not stop the others.
 */
export async function reconcilePendingPayments({ graceMs = SETTLING_GRACE_MS } = {}) {
  const counts = { settled: 0, failed: 0, open: 0, errors: 0 };
  const pending = await getPendingPayments({ startedBefore: new Date(Date.now() - graceMs), limit: 200 });
  for (const payment of pending) {
    try {
      const result = await reconcilePayment(payment);
      if (result === "settled" || result === "failed") counts[result]++;
      else counts.open++;
    } catch {
      counts.errors++;
    }
  }
  return counts;
}
