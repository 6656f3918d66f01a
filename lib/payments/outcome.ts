import { findPaymentByAuthorization } from "@/db/queries/payments";
import type { Payment } from "@/db/schema";

export type PaymentOutcome =
  /** `settled`: the row as this request recorded it, so that its receipt needs no read. */
  | { kind: "paid"; transactionHash: string; settled?: Payment }
  | { kind: "refused"; reason: string }
  /** The discount code could not be used by the time the payment was claimed (lib/pricing): 400, nothing settled. */
  | { kind: "pricing-refused"; reason: string }
  /** The payer's payment id already names another payment (x402 payment-identifier: 409). */
  | { kind: "payment-id-conflict" }
  | { kind: "unavailable"; reason: "facilitator_unavailable" | "settlement_pending" | "file_unavailable" | "stamp_file_too_large" };

export const PENDING = { kind: "unavailable", reason: "settlement_pending" } as const;
export const UNAVAILABLE = { kind: "unavailable", reason: "facilitator_unavailable" } as const;

export const refused = (reason: string): PaymentOutcome => ({ kind: "refused", reason });

/** Paid, with the transaction the row now records; pending if the row has none yet. */
export async function paidOutcome(payment: Payment): Promise<PaymentOutcome> {
  const settled = await findPaymentByAuthorization(payment);
  return settled?.transactionHash ? { kind: "paid", transactionHash: settled.transactionHash } : PENDING;
}

/** A failed row's recorded reason, as a refusal. */
export async function failedOutcome(payment: Payment): Promise<PaymentOutcome> {
  return refused((await findPaymentByAuthorization(payment))?.failureReason ?? "invalid_exact_evm_transaction_failed");
}
