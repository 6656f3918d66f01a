import type { PaymentPayload, PaymentRequirements } from "@x402/core/types";
import { type CatalogItemWithFiles } from "@/db/queries/catalog";
import { findPaymentAndIdConflict, findPaymentByAuthorization } from "@/db/queries/payments";
import { countRateLimit, peekRateLimit } from "@/lib/abuse/rate-limit";
import { filesAvailable, paidFilesOf } from "@/lib/downloads/deliver-item";
import { stampable, stampedItemIds } from "@/lib/downloads/stamped-files";
import { getEnv } from "@/lib/env";
import { type PaymentOutcome, UNAVAILABLE, refused } from "@/lib/payments/outcome";
import type { AppliedDiscount } from "@/lib/pricing/quote";
import { resumeHeldPayment } from "@/lib/payments/resume-payment";
import { settleNewPayment } from "@/lib/payments/settle-payment";
import { getStorage } from "@/lib/storage";
import { readEip3009Authorization } from "./authorization";
import { checkAuthorizationLocally } from "./check-authorization";
import { matchRequirements } from "./match-requirements";
import { readPaymentIdHash } from "./payment-identifier";
import { requirementsOfHeldPayment } from "./requirements";
import type { Paywall } from "./resource-server";

export type PaymentAnswer =
  | PaymentOutcome
  | { kind: "invalid-payment-id" }
  /** This payer's validly signed payments were refused too often: 429. */
  | { kind: "payer-limited"; retryAfterSeconds: number };

type Attempt = {
  paywall: Paywall;
  payload: PaymentPayload;
  requirements: PaymentRequirements[];
  item: CatalogItemWithFiles;
  /** The discount code the requirements' amount was quoted with (lib/pricing), if any. */
  discount?: AppliedDiscount | null;
};

/**
 * From a decoded payment to its outcome. A payment the store already holds is resumed against its
 * own terms before anything is compared with today's price. A new one is checked without the
 * chain first (shape, price, payTo, time, signature), so that forged and mistaken payments cost
 * no RPC call; then it is settled.
 */
export async function acceptPayment({ paywall, payload, requirements, item, discount }: Attempt): Promise<PaymentAnswer> {
  const authorization = readEip3009Authorization(payload);
  if (!authorization) return refused("invalid_payload");
  const paymentId = readPaymentIdHash(payload);
  if (!paymentId.ok) return { kind: "invalid-payment-id" };
  const key = { network: paywall.chain.network, asset: paywall.chain.usdc, payer: authorization.payer, nonce: authorization.nonce };

  const { held, idConflict } = await findPaymentAndIdConflict({ ...key, paymentIdHash: paymentId.idHash });
  if (held && held.status !== "failed") {
    const heldRequirements = await requirementsOfHeldPayment(paywall, held);
    return resumeHeldPayment({ paywall, held, requirements: heldRequirements, payload, authorization, itemId: item.id, paymentIdHash: paymentId.idHash });
  }
  // A failed payment may have been broadcast (a reverted transaction is public too): only the
  // buyer, with the payment id it was claimed with, may try it again.
  if (held && (held.paymentIdHash === null || held.paymentIdHash !== paymentId.idHash)) return refused(held.failureReason ?? "invalid_exact_evm_transaction_failed");

  const match = matchRequirements(paywall.server, requirements, payload);
  if (!match.ok) return refused(match.reason);
  const local = await checkAuthorizationLocally(authorization, match.requirements, paywall.publicClient).catch(() => null);
  if (!local) return UNAVAILABLE;
  if (!local.ok) return refused(local.reason);

  // Only a proven payer is rationed per wallet: anyone can put a victim's address in a forged payment.
  const payer = local.signatureChecked ? authorization.payer : null;
  if (payer) {
    const allowance = await peekRateLimit("refused-payer", payer);
    if (!allowance.ok) return { kind: "payer-limited", retryAfterSeconds: allowance.retryAfterSeconds };
  }
  if (idConflict) {
    return { kind: "payment-id-conflict" };
  }
  if (!(await filesAvailable(getStorage(), item))) return { kind: "unavailable", reason: "file_unavailable" };
  if (!stampable(paidFilesOf(item), stampedItemIds(item), getEnv().STAMP_MAX_BYTES)) return { kind: "unavailable", reason: "stamp_file_too_large" };

  const outcome = await settleNewPayment({ paywall, payload, requirements: match.requirements, authorization, itemId: item.id, paymentIdHash: paymentId.idHash, discount });
  if (outcome.kind !== "refused") return outcome;
  // A copy of this payment (here or in another process) may have claimed it while this one was
  // verified, and the facilitator then saw its nonce used: that payment's outcome is this one's.
  const claimedMeanwhile = await findPaymentByAuthorization(key);
  if (claimedMeanwhile && claimedMeanwhile.status !== "failed") {
    const heldRequirements = await requirementsOfHeldPayment(paywall, claimedMeanwhile);
    return resumeHeldPayment({ paywall, held: claimedMeanwhile, requirements: heldRequirements, payload, authorization, itemId: item.id, paymentIdHash: paymentId.idHash });
  }
  if (payer) await countRateLimit("refused-payer", payer);
  return outcome;
}
