import type { PaymentPayload, PaymentRequirements } from "@x402/core/types";
import { type Payment } from "@/db/schema";
import { findDiscountRuleById } from "@/db/queries/discount-codes";
import { claimPayment, markPaymentFailed, markPaymentSettled } from "@/db/queries/payments";
import { chainReachable } from "@/lib/chain/clients";
import { type AppliedDiscount, checkRule } from "@/lib/pricing/quote";
import { recentBlockNumber } from "@/lib/chain/recent-block";
import type { Eip3009Authorization } from "@/lib/x402/authorization";
import { withoutPaymentIdentifier } from "@/lib/x402/payment-identifier";
import { cleanReason } from "@/lib/x402/reasons";
import type { Paywall } from "@/lib/x402/resource-server";
import { PENDING, type PaymentOutcome, UNAVAILABLE, failedOutcome, paidOutcome, refused } from "./outcome";
import { reconcilePayment } from "./reconcile";

export type NewPaymentAttempt = {
  paywall: Paywall;
  payload: PaymentPayload;
  requirements: PaymentRequirements;
  authorization: Eip3009Authorization;
  itemId: string;
  /** sha256 of the client's payment id, or null. */
  paymentIdHash: string | null;
  /** The discount code the price was quoted with: its use is taken when the payment is claimed. */
  discount?: AppliedDiscount | null;
};

/**
 * A payment the store does not hold yet (or one that failed without moving money): verified by
 * the facilitator, claimed in the database (only one request per nonce gets past this), settled
 * on-chain and recorded. While the outcome is open the answer is "settlement pending", never a
 * refusal that would invite the buyer to sign a second payment.
 */
export async function settleNewPayment(attempt: NewPaymentAttempt): Promise<PaymentOutcome> {
  const { paywall, requirements, authorization } = attempt;
  // The payment id is the buyer's secret with this store: no facilitator needs it.
  const payload = withoutPaymentIdentifier(attempt.payload);
  try {
    const verification = await paywall.server.verifyPayment(payload, requirements);
    if (!verification.isValid) {
      // The facilitator reports an unreachable RPC as an invalid payment; the payment may be fine.
      if (!(await chainReachable(paywall.publicClient))) return UNAVAILABLE;
      return refused(cleanReason(verification.invalidReason, "invalid_payload"));
    }
  } catch {
    return UNAVAILABLE;
  }
  const claim = await claimPayment({
    network: requirements.network,
    asset: requirements.asset,
    payer: authorization.payer,
    nonce: authorization.nonce,
    itemId: attempt.itemId,
    payTo: requirements.payTo,
    amountAtomic: BigInt(requirements.amount),
    validBefore: authorization.validBefore,
    claimBlock: await recentBlockNumber(paywall.publicClient),
    paymentIdHash: attempt.paymentIdHash,
    discountCodeId: attempt.discount?.codeId,
    discountCode: attempt.discount?.code,
    discountAtomic: attempt.discount?.discountAtomic,
  });
  if (claim.kind === "payment-id-conflict") return { kind: "payment-id-conflict" };
  if (claim.kind === "code-unavailable") return { kind: "pricing-refused", reason: await whyCodeUnavailable(attempt) };
  // Another request holds this nonce (the same payment sent twice at once): its outcome is this one's.
  if (claim.kind === "held") return PENDING;
  return settleClaimed(paywall, claim.payment, payload, requirements);
}

/** Why the quoted code had no use to give at claim time: usually another buyer took the last one. */
async function whyCodeUnavailable({ discount, itemId }: NewPaymentAttempt): Promise<string> {
  const rule = discount ? await findDiscountRuleById({ codeId: discount.codeId }) : null;
  return checkRule(rule, itemId, new Date()) ?? "discount_code_exhausted";
}

/** Settles a payment this request holds the claim of, and records what the chain did. */
export async function settleClaimed(paywall: Paywall, claimed: Payment, payload: PaymentPayload, requirements: PaymentRequirements): Promise<PaymentOutcome> {
  let settlement;
  try {
    settlement = await paywall.server.settlePayment(withoutPaymentIdentifier(payload), requirements);
  } catch {
    // Unknown outcome (the transaction may be in flight): the row stays pending for the reconciler.
    return PENDING;
  }
  if (settlement.success && settlement.transaction) {
    const settled = await markPaymentSettled({ id: claimed.id, transactionHash: settlement.transaction });
    return { kind: "paid", transactionHash: settlement.transaction, settled: settled ?? undefined };
  }
  // Failed to send, or reverted: only the chain says whether the nonce is still unspent.
  return decideFromChain(claimed, cleanReason(settlement.errorReason, "invalid_exact_evm_transaction_failed"));
}

/**
 * Settled, failed or open by the chain's word. With a `failureReason`, a nonce still unused is
 * recorded as failed for it; without one (a row merely found pending) it stays open.
 */
export async function decideFromChain(payment: Payment, failureReason?: string): Promise<PaymentOutcome> {
  const result = await reconcilePayment(payment).catch(() => "unknown" as const);
  if (result === "settled") return paidOutcome(payment);
  if (result === "failed") return failedOutcome(payment);
  if (result === "unused" && failureReason) {
    await markPaymentFailed({ id: payment.id, reason: failureReason });
    return refused(failureReason);
  }
  return PENDING;
}
