import type { PaymentPayload, PaymentRequirements } from "@x402/core/types";
import { claimPayment, findPaymentByAuthorization, markPaymentFailed, markPaymentSettled, takeOverStalePayment } from "@/db/queries/payments";
import type { Payment } from "@/db/schema";
import { chainReachable } from "@/lib/chain/clients";
import type { Eip3009Authorization } from "@/lib/x402/authorization";
import { cleanReason } from "@/lib/x402/reasons";
import type { Paywall } from "@/lib/x402/resource-server";
import { authorizationSignedByPayer } from "./authorization-signature";
import { reconcilePayment } from "./reconcile";

/** A settlement quiet this long was abandoned by its process (a crash, a lost answer) and may be retried. */
const SETTLEMENT_STALE_MS = 60_000;
/**
 * How long after settling a payment header still re-downloads its item. Once settled, the
 * signature is public on-chain, so the header stops being proof of anything but a recent retry;
 * later re-downloads use Sign-In-With-X.
 */
export const REDELIVERY_WINDOW_MS = 5 * 60_000;

export type PaymentOutcome =
  | { kind: "paid"; transactionHash: string }
  | { kind: "refused"; reason: string }
  | { kind: "unavailable"; reason: "facilitator_unavailable" | "settlement_pending" };

type Attempt = {
  paywall: Paywall;
  payload: PaymentPayload;
  requirements: PaymentRequirements;
  authorization: Eip3009Authorization;
  itemId: string;
};

const PENDING = { kind: "unavailable", reason: "settlement_pending" } as const;
const UNAVAILABLE = { kind: "unavailable", reason: "facilitator_unavailable" } as const;

/**
 * The life of one payment: a nonce we hold already is resumed; a new one is verified, claimed in
 * the database (only one request per nonce gets past this), settled on-chain and recorded. While
 * the outcome is open the answer is "settlement pending", never a refusal that would invite the
 * buyer to sign a second payment.
 */
export async function settleOrResume(attempt: Attempt): Promise<PaymentOutcome> {
  const { paywall, payload, requirements, authorization, itemId } = attempt;
  const key = { network: requirements.network, asset: requirements.asset, payer: authorization.payer, nonce: authorization.nonce };
  let claimed: Payment | null = null;
  const prior = await findPaymentByAuthorization(key);
  if (prior && prior.status !== "failed") {
    const resumed = await resume(prior, attempt).catch(() => PENDING);
    if (resumed !== "settle-again") return resumed;
    claimed = prior;
  }

  try {
    const verification = await paywall.server.verifyPayment(payload, requirements);
    if (!verification.isValid) {
      // The facilitator reports an unreachable RPC as an invalid payment; the payment may be fine.
      if (!(await chainReachable(paywall.publicClient))) return UNAVAILABLE;
      // A row we hold as pending is never refused on the facilitator's word: the chain decides.
      if (claimed) return decideFromChain(claimed, "pending");
      return { kind: "refused", reason: cleanReason(verification.invalidReason, "invalid_payload") };
    }
  } catch {
    return UNAVAILABLE;
  }

  claimed ??= await claimPayment({
    ...key,
    itemId,
    payTo: requirements.payTo,
    amountAtomic: BigInt(requirements.amount),
    validBefore: authorization.validBefore,
    claimBlock: await paywall.publicClient.getBlockNumber().catch(() => null),
  });
  // Another request holds this nonce (the same payment sent twice at once): its outcome is this one's.
  if (!claimed) return PENDING;

  let settlement;
  try {
    settlement = await paywall.server.settlePayment(payload, requirements);
  } catch {
    // Unknown outcome (the transaction may be in flight): the row stays pending for the reconciler.
    return PENDING;
  }
  if (settlement.success && settlement.transaction) {
    await markPaymentSettled({ id: claimed.id, transactionHash: settlement.transaction });
    return { kind: "paid", transactionHash: settlement.transaction };
  }
  // Failed to send, or reverted: only the chain says whether the nonce is still unspent.
  return decideFromChain(claimed, cleanReason(settlement.errorReason, "settlement_failed"));
}

/** Settled, failed or open by the chain's word; `failureReason` is recorded if the nonce is still unused. */
async function decideFromChain(payment: Payment, failureReason: string | "pending"): Promise<PaymentOutcome> {
  const result = await reconcilePayment(payment).catch(() => "unknown" as const);
  if (result === "settled") return paidOutcome(payment);
  if (result === "failed") return { kind: "refused", reason: (await findPaymentByAuthorization(payment))?.failureReason ?? "settlement_failed" };
  if (result === "unused" && failureReason !== "pending") {
    await markPaymentFailed({ id: payment.id, reason: failureReason });
    return { kind: "refused", reason: failureReason };
  }
  return PENDING;
}

async function paidOutcome(payment: Payment): Promise<PaymentOutcome> {
  const settled = await findPaymentByAuthorization(payment);
  return settled?.transactionHash ? { kind: "paid", transactionHash: settled.transactionHash } : PENDING;
}

/**
 * A nonce we already hold: a retry after a broken download, a crash or a lost answer. Its
 * signature must be the payer's (payer and nonce alone are public), and a settled one re-delivers
 * only within the window.
 */
async function resume(prior: Payment, attempt: Attempt): Promise<PaymentOutcome | "settle-again"> {
  if (prior.itemId !== attempt.itemId) return { kind: "refused", reason: "invalid_exact_evm_nonce_already_used" };
  if (!(await authorizationSignedByPayer(attempt.authorization, attempt.requirements))) return { kind: "refused", reason: "invalid_exact_evm_signature" };
  if (prior.status === "settled") {
    const recent = prior.settledAt !== null && Date.now() - prior.settledAt.getTime() <= REDELIVERY_WINDOW_MS;
    return recent && prior.transactionHash ? { kind: "paid", transactionHash: prior.transactionHash } : { kind: "refused", reason: "invalid_exact_evm_nonce_already_used" };
  }
  const result = await reconcilePayment(prior);
  if (result === "settled") return paidOutcome(prior);
  if (result === "failed") return { kind: "refused", reason: (await findPaymentByAuthorization(prior))?.failureReason ?? "settlement_failed" };
  if (result === "unused" && (await takeOverStalePayment({ id: prior.id, staleAfterMs: SETTLEMENT_STALE_MS }))) return "settle-again";
  return PENDING;
}
