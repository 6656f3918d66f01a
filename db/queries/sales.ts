import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "../database";
import { type Payment, type Refund, items, payments, refunds } from "../schema";
import { queueWebhookEvent } from "./webhooks";

export type SalesTotals = { salesCount: number; revenueAtomic: bigint; refundedAtomic: bigint };
export type Sale = Pick<Payment, "id" | "payer" | "payTo" | "amountAtomic" | "network" | "transactionHash" | "settledAt" | "discountCode" | "discountAtomic"> & {
  itemId: string;
  itemTitle: string;
  refunds: Refund[];
};

type SalesFilter = { creatorId: string; itemId?: string; transactionHash?: string };

const settledOfCreator = ({ creatorId, itemId, transactionHash }: SalesFilter) =>
  and(
    eq(items.creatorId, creatorId),
    eq(payments.status, "settled"),
    itemId ? eq(items.id, itemId) : undefined,
    transactionHash ? eq(payments.transactionHash, transactionHash.toLowerCase()) : undefined,
  );

/** Settled sales per item of a creator (only items that sold appear). */
export async function getSalesTotalsByItem({ creatorId }: { creatorId: string }): Promise<Map<string, SalesTotals>> {
  const refunded = getDb()
    .select({ paymentId: refunds.paymentId, total: sql<string>`sum(${refunds.amountAtomic})`.as("total") })
    .from(refunds)
    .groupBy(refunds.paymentId)
    .as("refunded");
  const rows = await getDb()
    .select({
      itemId: items.id,
      salesCount: sql<number>`count(*)::int`,
      revenue: sql<string>`sum(${payments.amountAtomic})::text`,
      refunded: sql<string>`coalesce(sum(${refunded.total}), 0)::text`,
    })
    .from(payments)
    .innerJoin(items, eq(payments.itemId, items.id))
    .leftJoin(refunded, eq(refunded.paymentId, payments.id))
    .where(settledOfCreator({ creatorId }))
    .groupBy(items.id);
  return new Map(
    rows.map((row) => [row.itemId, { salesCount: row.salesCount, revenueAtomic: BigInt(row.revenue), refundedAtomic: BigInt(row.refunded) }]),
  );
}

export function sumTotals(totals: Iterable<SalesTotals>): SalesTotals {
  const sum: SalesTotals = { salesCount: 0, revenueAtomic: 0n, refundedAtomic: 0n };
  for (const total of totals) {
    sum.salesCount += total.salesCount;
    sum.revenueAtomic += total.revenueAtomic;
    sum.refundedAtomic += total.refundedAtomic;
  }
  return sum;
}

/** A creator's settled sales, newest first, each with the refunds recorded against it. */
export async function getSales({ limit, ...filter }: SalesFilter & { limit?: number }): Promise<Sale[]> {
  const query = getDb()
    .select({
      id: payments.id,
      payer: payments.payer,
      payTo: payments.payTo,
      amountAtomic: payments.amountAtomic,
      network: payments.network,
      transactionHash: payments.transactionHash,
      settledAt: payments.settledAt,
      discountCode: payments.discountCode,
      discountAtomic: payments.discountAtomic,
      itemId: items.id,
      itemTitle: items.title,
    })
    .from(payments)
    .innerJoin(items, eq(payments.itemId, items.id))
    .where(settledOfCreator(filter))
    .orderBy(desc(payments.settledAt), desc(payments.id));
  const rows = limit ? await query.limit(limit) : await query;
  const refundRows = rows.length
    ? await getDb().select().from(refunds).where(inArray(refunds.paymentId, rows.map((row) => row.id))).orderBy(refunds.createdAt)
    : [];
  return rows.map((row) => ({ ...row, refunds: refundRows.filter((refund) => refund.paymentId === row.id) }));
}

/** A settled sale of this creator by its transaction hash, or null. */
export async function getSaleByTransaction(filter: { creatorId: string; transactionHash: string }): Promise<Sale | null> {
  const [sale] = await getSales({ ...filter, limit: 1 });
  return sale ?? null;
}

export type RecordRefundResult = { ok: true; refund: Refund } | { ok: false; error: "exceeds_payment" | "refund_already_recorded" };

/** Records a refund against a payment; refunds of one payment never add up to more than it. */
export async function recordRefund(input: { paymentId: string; amountAtomic: bigint; transactionHash: string; note: string }): Promise<RecordRefundResult> {
  return getDb().transaction(async (tx) => {
    const [payment] = await tx.select().from(payments).where(eq(payments.id, input.paymentId)).for("update");
    const [{ refunded }] = await tx
      .select({ refunded: sql<string>`coalesce(sum(${refunds.amountAtomic}), 0)::text` })
      .from(refunds)
      .where(eq(refunds.paymentId, input.paymentId));
    if (BigInt(refunded) + input.amountAtomic > payment.amountAtomic) return { ok: false, error: "exceeds_payment" } as const;
    const [refund] = await tx
      .insert(refunds)
      .values({ ...input, transactionHash: input.transactionHash.toLowerCase() })
      .onConflictDoNothing()
      .returning();
    if (!refund) return { ok: false, error: "refund_already_recorded" } as const;
    // The refund's webhook event commits with the refund.
    await queueWebhookEvent(tx, { payment, refund });
    return { ok: true, refund } as const;
  });
}

export async function getRefundsOfPayment({ paymentId }: { paymentId: string }): Promise<Refund[]> {
  return getDb().select().from(refunds).where(eq(refunds.paymentId, paymentId)).orderBy(refunds.createdAt);
}
