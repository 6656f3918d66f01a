import "server-only";
import { and, arrayContains, asc, desc, eq, gt, inArray, isNull, lt, ne, notExists, or, sql } from "drizzle-orm";
import type { Transaction } from "../client";
import { getDb } from "../database";
import { type ItemKind, type NewPayment, type Payment, items, payments, webhookEndpoints } from "../schema";
import { releaseCodeUse, reserveCodeUse } from "./discount-codes";
import { queueWebhookEvent } from "./webhooks";

export type PaymentClaim = Pick<
  NewPayment,
  "itemId" | "payer" | "payTo" | "amountAtomic" | "asset" | "network" | "nonce" | "validBefore" | "claimBlock" | "paymentIdHash"
> &
  Partial<Pick<NewPayment, "discountCodeId" | "discountCode" | "discountAtomic">>;
export type AuthorizationKey = Pick<Payment, "network" | "asset" | "payer" | "nonce">;

export type ClaimResult = { kind: "claimed"; payment: Payment } | { kind: "held" } | { kind: "payment-id-conflict" } | { kind: "code-unavailable" };

/** Thrown inside a claim's transaction to undo it: the discount code had no use left to take. */
class CodeUnavailable extends Error {}

/** The payer's payment id is taken: the partial unique index refused the row (drizzle wraps the driver's error). */
function isPaymentIdConflict(error: unknown): boolean {
  return [error, (error as { cause?: unknown } | null)?.cause].some((candidate) => {
    const { code, constraint_name, constraint } = (candidate ?? {}) as { code?: string; constraint_name?: string; constraint?: string };
    return code === "23505" && (constraint_name ?? constraint) === "payments_payment_id_idx";
  });
}

/**
 * Claims an authorization nonce before anything reaches the chain: inserts a `pending` row, or
 * revives a `failed` one (that authorization never moved money). "held" when the nonce is already
 * pending or settled: a replay, or a duplicate request racing this one; "payment-id-conflict"
 * when the payer's payment id already names another payment. With a discount code the claim also
 * takes one of the code's uses in the same transaction ("code-unavailable", nothing written, when
 * it is paused, expired or used up by then): the use is counted before anything is settled, and
 * given back if the payment fails (markPaymentFailed).
 */
export async function claimPayment(claim: PaymentClaim): Promise<ClaimResult> {
  try {
    // Without a code the claim is one statement, as it always was: no transaction on the hot path.
    if (!claim.discountCodeId) {
      const [row] = await upsertClaim(getDb(), claim);
      return row ? { kind: "claimed", payment: row } : { kind: "held" };
    }
    const codeId = claim.discountCodeId;
    return await getDb().transaction(async (tx) => {
      const [row] = await upsertClaim(tx, claim);
      if (!row) return { kind: "held" } as const;
      if (!(await reserveCodeUse(tx, { codeId, itemId: claim.itemId }))) throw new CodeUnavailable();
      return { kind: "claimed", payment: row } as const;
    });
  } catch (error) {
    if (error instanceof CodeUnavailable) return { kind: "code-unavailable" };
    if (isPaymentIdConflict(error)) return { kind: "payment-id-conflict" };
    throw error;
  }
}

/**
 * In one read, for a payment arriving: the row of its authorization (whatever its state, or null)
 * and whether the payer's payment id already names another live payment (a conflict).
 */
export async function findPaymentAndIdConflict(key: AuthorizationKey & { paymentIdHash: string | null }): Promise<{ held: Payment | null; idConflict: boolean }> {
  const ofThisAuthorization = and(eq(payments.network, key.network), eq(payments.asset, key.asset), eq(payments.nonce, key.nonce));
  const otherWithId = key.paymentIdHash ? and(eq(payments.paymentIdHash, key.paymentIdHash), ne(payments.status, "failed"), ne(payments.nonce, key.nonce)) : undefined;
  const rows = await getDb()
    .select()
    .from(payments)
    .where(and(eq(payments.payer, key.payer), otherWithId ? or(ofThisAuthorization, otherWithId) : ofThisAuthorization))
    .limit(2);
  const isThisAuthorization = (row: Payment) => row.network === key.network && row.asset === key.asset && row.nonce === key.nonce;
  return { held: rows.find(isThisAuthorization) ?? null, idConflict: rows.some((row) => !isThisAuthorization(row)) };
}

/** Inserts a pending row for the authorization, or revives its failed one; no row when it is held. */
function upsertClaim(db: Pick<Transaction, "insert">, claim: PaymentClaim) {
  return db
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
        paymentIdHash: claim.paymentIdHash,
        discountCodeId: claim.discountCodeId ?? null,
        discountCode: claim.discountCode ?? null,
        discountAtomic: claim.discountAtomic ?? null,
        settleStartedAt: new Date(),
      },
      setWhere: sql`${payments.status} = 'failed'`,
    })
    .returning();
}

/**
 * Takes one of a settled payment's re-deliveries by its header: true while fewer than `max` were
 * taken and the payment settled less than `windowMs` ago. Atomic, so parallel retries cannot
 * exceed the bound.
 */
export async function takeRedelivery({ id, max, windowMs }: { id: string; max: number; windowMs: number }): Promise<boolean> {
  const taken = await getDb()
    .update(payments)
    .set({ redeliveries: sql`${payments.redeliveries} + 1` })
    .where(and(eq(payments.id, id), eq(payments.status, "settled"), lt(payments.redeliveries, max), gt(payments.settledAt, new Date(Date.now() - windowMs))))
    .returning({ id: payments.id });
  return taken.length === 1;
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

/**
 * Settled on-chain: that wins over an earlier "failed" (a judgement the chain has now overruled).
 * Returns the row as recorded (null if it was settled already), from which its receipt is made.
 */
export async function markPaymentSettled({ id, transactionHash }: { id: string; transactionHash: string }): Promise<Payment | null> {
  const settle = { status: "settled" as const, transactionHash: transactionHash.toLowerCase(), settledAt: new Date(), failureReason: null };
  const unsettled = and(eq(payments.id, id), inArray(payments.status, ["pending", "failed"]));
  // Most creators have no webhook for sales: then the sale is one statement, not a transaction of
  // four round trips. The endpoint check is in the same statement, so it sees the same moment.
  const [withoutEvent] = await getDb()
    .update(payments)
    .set(settle)
    .where(and(unsettled, notExists(saleEndpointsOfPaymentItem())))
    .returning();
  if (withoutEvent) return withoutEvent;
  return getDb().transaction(async (tx) => {
    const [row] = await tx.update(payments).set(settle).where(unsettled).returning();
    // The sale's webhook event commits with the sale, whichever path settled it (request or reconciler).
    if (row) await queueWebhookEvent(tx, { payment: row });
    return row ?? null;
  });
}

/** The webhook endpoints that want a sale of the payment row's item, for use inside a statement on `payments`. */
function saleEndpointsOfPaymentItem() {
  return getDb()
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .innerJoin(items, eq(items.creatorId, webhookEndpoints.creatorId))
    .where(and(eq(items.id, payments.itemId), arrayContains(webhookEndpoints.events, ["sale.settled"])));
}

/** Records the digest of a stamped copy delivered for this settled payment (the receipt names it). */
export async function recordDeliveredSha256({ transactionHash, sha256 }: { transactionHash: string; sha256: string }) {
  await getDb().update(payments).set({ deliveredSha256: sha256 }).where(eq(payments.transactionHash, transactionHash.toLowerCase()));
}

/** Failed without moving money: the discount code's use it held goes back to the code. */
export async function markPaymentFailed({ id, reason }: { id: string; reason: string }) {
  await getDb().transaction(async (tx) => {
    const [row] = await tx
      .update(payments)
      .set({ status: "failed", failureReason: reason })
      .where(and(eq(payments.id, id), eq(payments.status, "pending")))
      .returning({ discountCodeId: payments.discountCodeId });
    if (row?.discountCodeId) await releaseCodeUse(tx, { codeId: row.discountCodeId });
  });
}

export async function getPaymentsOfItem({ itemId }: { itemId: string }): Promise<Payment[]> {
  return getDb().query.payments.findMany({ where: eq(payments.itemId, itemId), orderBy: desc(payments.createdAt) });
}

export type Receipt = Payment & { itemSlug: string; itemTitle: string; itemKind: ItemKind };

/** The receipt of a settled payment by its transaction hash, with the item it bought. */
export async function getReceiptByTransaction({ transactionHash }: { transactionHash: string }): Promise<Receipt | null> {
  const [row] = await getDb()
    .select({ payment: payments, itemSlug: items.slug, itemTitle: items.title, itemKind: items.kind })
    .from(payments)
    .innerJoin(items, eq(payments.itemId, items.id))
    .where(and(eq(payments.transactionHash, transactionHash.toLowerCase()), eq(payments.status, "settled")))
    .limit(1);
  return row ? { ...row.payment, itemSlug: row.itemSlug, itemTitle: row.itemTitle, itemKind: row.itemKind } : null;
}
