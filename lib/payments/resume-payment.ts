import type { PaymentRequirements } from "@x402/core/types";
import { findPaymentByAuthorization, takeOverStalePayment } from "@/db/queries/payments";
import type { Payment } from "@/db/schema";
import type { Eip3009Authorization } from "@/lib/x402/authorization";
import { authorizationSignedByPayer } from "./authorization-signature";
import { SETTLEMENT_STALE_MS, reconcilePayment } from "./reconcile";

export type Resumption =
  | { kind: "deliver"; transactionHash: string }
  | { kind: "refuse"; reason: string }
  | { kind: "pending" }
  | { kind: "settle-again"; payment: Payment };

/**
 * A payment header whose nonce we already hold (settled, or pending after a crash or a lost
 * answer). Its holder gets the file when the chain shows the money moved, without paying again;
 * "pending" while the outcome is open (never a fresh 402 that would invite a second signature);
 * and a settlement abandoned by its process may be retried, since the chain accepts a nonce once.
 */
export async function resumePayment(options: {
  prior: Payment;
  itemId: string;
  authorization: Eip3009Authorization;
  requirements: PaymentRequirements;
}): Promise<Resumption> {
  const { prior, itemId, authorization, requirements } = options;
  if (prior.itemId !== itemId) return { kind: "refuse", reason: "invalid_exact_evm_nonce_already_used" };
  // Payer and nonce are public once settled: only the signature proves the caller is the buyer.
  if (!(await authorizationSignedByPayer(authorization, requirements))) return { kind: "refuse", reason: "invalid_exact_evm_signature" };

  const status = prior.status === "pending" ? await reconcilePayment(prior) : prior.status;
  if (status === "settled") {
    const settled = await findPaymentByAuthorization(prior);
    return { kind: "deliver", transactionHash: settled?.transactionHash ?? "" };
  }
  if (status === "failed") return { kind: "refuse", reason: "invalid_exact_evm_payload_authorization_valid_before" };
  if (await takeOverStalePayment({ id: prior.id, staleAfterMs: SETTLEMENT_STALE_MS })) return { kind: "settle-again", payment: prior };
  return { kind: "pending" };
}
