import type { PaymentPayload, PaymentRequirements } from "@x402/core/types";
import { takeOverStalePayment, takeRedelivery } from "@/db/queries/payments";
import type { Payment } from "@/db/schema";
import type { Eip3009Authorization } from "@/lib/x402/authorization";
import type { Paywall } from "@/lib/x402/resource-server";
import { PENDING, type PaymentOutcome, failedOutcome, paidOutcome, refused } from "./outcome";
import { reconcilePayment } from "./reconcile";
import { settleClaimed } from "./settle-payment";

/** A settlement quiet this long was abandoned by its process (a crash, a lost answer) and may be retried. */
const SETTLEMENT_STALE_MS = 60_000;
/** How long after settling, and how many times, a payment's header with its payment id delivers the item again. */
export const REDELIVERY_WINDOW_MS = 60 * 60_000;
export const MAX_REDELIVERIES = 5;

export type HeldPaymentAttempt = {
  paywall: Paywall;
  /** The row of this authorization (payer and nonce), in any state but failed. */
  held: Payment;
  /** The held payment's own requirements (its amount and payTo), whatever the item costs today. */
  requirements: PaymentRequirements;
  payload: PaymentPayload;
  authorization: Eip3009Authorization;
  itemId: string;
  paymentIdHash: string | null;
};

/**
 * A payment the store already holds: a retry after a broken download, a crash or a lost answer,
 * or someone replaying it. Everything in the header but the payment id is public once the
 * transaction is broadcast (calldata, logs, the 402), so only a retry carrying the payment id the
 * payment was claimed with gets the item again, a bounded number of times; without it the answer
 * is "settlement pending" while the chain has not decided, then a refusal that points to
 * Sign-In-With-X. The retry is judged against the held payment's terms, never today's price: a
 * price change must not invite the buyer to sign twice.
 */
export async function resumeHeldPayment(attempt: HeldPaymentAttempt): Promise<PaymentOutcome> {
  const { held, authorization } = attempt;
  const sameAuthorization =
    held.itemId === attempt.itemId && held.payTo.toLowerCase() === authorization.to.toLowerCase() && held.amountAtomic === authorization.value;
  if (!sameAuthorization) return refused("invalid_exact_evm_nonce_already_used");
  const fromTheBuyer = held.paymentIdHash !== null && attempt.paymentIdHash === held.paymentIdHash;

  if (held.status === "settled") return redeliver(held, fromTheBuyer);
  const result = await reconcilePayment(held).catch(() => "unknown" as const);
  if (result === "settled") return redeliver(held, fromTheBuyer);
  if (result === "failed") return failedOutcome(held);
  // Settling again is for the buyer alone: a signature seen in a dropped transaction is public too.
  if (result === "unused" && fromTheBuyer && (await takeOverStalePayment({ id: held.id, staleAfterMs: SETTLEMENT_STALE_MS }))) {
    return settleClaimed(attempt.paywall, held, attempt.payload, attempt.requirements);
  }
  return PENDING;
}

async function redeliver(held: Payment, fromTheBuyer: boolean): Promise<PaymentOutcome> {
  if (!fromTheBuyer) return refused("redelivery_needs_proof");
  const allowed = await takeRedelivery({ id: held.id, max: MAX_REDELIVERIES, windowMs: REDELIVERY_WINDOW_MS });
  return allowed ? paidOutcome(held) : refused("redelivery_limit_reached");
}
