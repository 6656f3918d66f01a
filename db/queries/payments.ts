import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { getDb } from "../database";
import { type NewPayment, type Payment, items, payments } from "../schema";

export type PaymentClaim = Pick<NewPayment, "itemId" | "payer" | "payTo" | "amountAtomic" | "asset" | "network" | "nonce">;

/**
 * Claims an authorization nonce before anything reaches the chain: inserts a `pending` row, or
 * revives a `failed` one (that authorization never moved money). Returns null when the nonce is
 * already pending or settled: a replay, or a duplicate request racing this one.
 */
export async function claimPayment(claim: PaymentClaim): Promise<Payment | null> {
  const [row] = await getDb()
    .insert(payments)
    .values({ ...claim, status: "pending" })
    .onConflictDoUpdate({
      target: [payments.network, payments.asset, payments.payer, payments.nonce],
      set: { status: "pending", failureReason: null, itemId: claim.itemId, payTo: claim.payTo, amountAtomic: claim.amountAtomic },
      setWhere: sql`${payments.status} = 'failed'`,
    })
    .returning();
  return row ?? null;
}

export async function markPaymentSettled({ id, transactionHash }: { id: string; transactionHash: string }) {
  await getDb()
    .update(payments)
    .set({ status: "settled", transactionHash: transactionHash.toLowerCase(), settledAt: new Date(), failureReason: null })
    .where(and(eq(payments.id, id), eq(payments.status, "pending")));
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
