import "server-only";
import { and, asc, desc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { getDb } from "../database";
import { type NewPayment, type Payment, items, payments } from "../schema";

export type PaymentClaim = Pick<
  NewPayment,
  "itemId" | "payer" | "payTo" | "amountAtomic" | "asset" | "network" | "nonce" | "validBefore" | "claimBlock"
>;
export type AuthorizationKey = Pick<Payment, "network" | "asset" | "payer" | "nonce">;

/**
 * Claims an authorization nonce before anything reaches the chain: inserts a `pending` row, or
 * revives a `failed` one (that authorization never moved money). Returns null when the nonce is
 * already pending or settled: a replay, or a duplicate request racing this one.
 */
export async function claimPayment(claim: PaymentClaim): Promise<Payment | null> {
  const [row] = await getDb()
    .insert(payments)
    .values({ ...claim, status: "pending", settleStartedAt: new Date() })
    .onConflictDoUpdate({
      target: [payments.network, payments.asset, payments.payer, payments.nonce],
      set: {
        status: "pending",
        failureReason: null,
        itemId: claim.itemId,
        payTo: claim.payTo,
        amountAtomic: claim.amountAtomic,
        validBefore: claim.validBefore,
        claimBlock: claim.claimBlock,
        settleStartedAt: new Date(),
      },
      setWhere: sql`${payments.status} = 'failed'`,
    })
    .returning();
  return row ?? null;
}

/** The payment row of an authorization, whatever its state, or null. */
export async function findPaymentByAuthorization(key: AuthorizationKey): Promise<Payment | null> {
  const row = await getDb().query.payments.findFirst({
    where: and(eq(payments.network, key.network), eq(payments.asset, key.asset), eq(payments.payer, key.payer), eq(payments.nonce, key.nonce)),
  });
  return row ?? null;
}

/**
 * Takes over a pending payment whose settling process has gone quiet for `staleAfterMs` (it
 * crashed, or lost its answer): true for exactly one caller, who may settle it again.
 */
export async function takeOverStalePayment({ id, staleAfterMs }: { id: string; staleAfterMs: number }): Promise<boolean> {
  const staleBefore = new Date(Date.now() - staleAfterMs);
  const taken = await getDb()
    .update(payments)
    .set({ settleStartedAt: new Date() })
    .where(and(eq(payments.id, id), eq(payments.status, "pending"), or(isNull(payments.settleStartedAt), lt(payments.settleStartedAt, staleBefore))))
    .returning({ id: payments.id });
  return taken.length === 1;
}

/** Pending payments whose settlement started before `startedBefore`, least recently checked first: the reconciler's work list. */
export async function getPendingPayments({ startedBefore, limit }: { startedBefore: Date; limit: number }): Promise<Payment[]> {
  return getDb()
    .select()
    .from(payments)
    .where(and(eq(payments.status, "pending"), or(isNull(payments.settleStartedAt), lt(payments.settleStartedAt, startedBefore))))
    .orderBy(asc(payments.updatedAt))
    .limit(limit);
}

/** Records that a pending payment was looked at, so the next round starts with others. */
export async function notePaymentChecked({ id }: { id: string }) {
  await getDb().update(payments).set({ updatedAt: new Date() }).where(and(eq(payments.id, id), eq(payments.status, "pending")));
}

/** Settled on-chain: that wins over an earlier "failed" (a judgement the chain has now overruled). */
export async function markPaymentSettled({ id, transactionHash }: { id: string; transactionHash: string }) {
  await getDb()
    .update(payments)
    .set({ status: "settled", transactionHash: transactionHash.toLowerCase(), settledAt: new Date(), failureReason: null })
    .where(and(eq(payments.id, id), inArray(payments.status, ["pending", "failed"])));
}

export async function markPaymentFailed({ id, reason }: { id: string; reason: string }) {
  await getDb()
    .update(payments)
    .set({ status: "failed", failureReason: reason })
    .where(and(eq(payments.id, id), eq(payments.status, "pending")));
}

export async function getPaymentsOfItem({ itemId }: { itemId: string }): Promise<Payment[]> {
  return getDb().query.payments.findMany({ where: eq(payments.itemId, itemId), orderBy: desc(payments.createdAt) });
}

export type Receipt = Payment & { itemSlug: string; itemTitle: string };

/** The receipt of a settled payment by its transaction hash, with the item it bought. */
export async function getReceiptByTransaction({ transactionHash }: { transactionHash: string }): Promise<Receipt | null> {
  const [row] = await getDb()
    .select({ payment: payments, itemSlug: items.slug, itemTitle: items.title })
    .from(payments)
    .innerJoin(items, eq(payments.itemId, items.id))
    .where(and(eq(payments.transactionHash, transactionHash.toLowerCase()), eq(payments.status, "settled")))
    .limit(1);
  return row ? { ...row.payment, itemSlug: row.itemSlug, itemTitle: row.itemTitle } : null;
}
