import "server-only";
import { and, desc, eq, gt, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { DiscountRule } from "@/lib/pricing/quote";
import type { Transaction } from "../client";
import { getDb } from "../database";
import { type DiscountCode, discountCodeItems, discountCodes, items, payments } from "../schema";

type Reader = Pick<Transaction, "select">;

type StoredRule = DiscountRule & { creatorId: string };

async function withItemIds(reader: Reader, codes: DiscountCode[]): Promise<StoredRule[]> {
  const ids = codes.filter((code) => !code.allItems).map((code) => code.id);
  const links = ids.length ? await reader.select().from(discountCodeItems).where(inArray(discountCodeItems.codeId, ids)) : [];
  return codes.map((code) => ({ ...code, itemIds: links.filter((link) => link.codeId === code.id).map((link) => link.itemId) }));
}

/** Every code of every creator, for the catalog snapshot: keyed `creatorId:CODE`. */
export async function getAllDiscountRules(): Promise<Map<string, DiscountRule>> {
  const rules = await withItemIds(getDb(), await getDb().select().from(discountCodes));
  return new Map(rules.map((rule) => [`${rule.creatorId}:${rule.code}`, rule]));
}

/** One creator's code as the database holds it now: what a paying request is priced by. */
export async function findDiscountRule({ creatorId, code }: { creatorId: string; code: string }): Promise<DiscountRule | null> {
  const rows = await getDb().select().from(discountCodes).where(and(eq(discountCodes.creatorId, creatorId), eq(discountCodes.code, code)));
  const [rule] = await withItemIds(getDb(), rows);
  return rule ?? null;
}

/**
 * Takes one use of a code for a payment being claimed, in the claim's transaction: only while the
 * code is live for the item. The row lock and the re-checked `uses < max_uses` make two claims
 * racing for the last use take it once (the check constraint `uses <= max_uses` backs that up).
 */
export async function reserveCodeUse(tx: Transaction, { codeId, itemId }: { codeId: string; itemId: string }): Promise<boolean> {
  const now = new Date();
  const taken = await tx
    .update(discountCodes)
    .set({ uses: sql`${discountCodes.uses} + 1` })
    .where(
      and(
        eq(discountCodes.id, codeId),
        eq(discountCodes.paused, false),
        or(isNull(discountCodes.expiresAt), gt(discountCodes.expiresAt, now)),
        or(isNull(discountCodes.maxUses), lt(discountCodes.uses, discountCodes.maxUses)),
        or(
          eq(discountCodes.allItems, true),
          sql`exists (select 1 from ${discountCodeItems} where ${discountCodeItems.codeId} = ${discountCodes.id} and ${discountCodeItems.itemId} = ${itemId})`,
        ),
      ),
    )
    .returning({ id: discountCodes.id });
  return taken.length === 1;
}

/** Gives back the use a payment held, when that payment failed without moving money. */
export async function releaseCodeUse(tx: Transaction, { codeId }: { codeId: string }) {
  await tx
    .update(discountCodes)
    .set({ uses: sql`greatest(${discountCodes.uses} - 1, 0)` })
    .where(eq(discountCodes.id, codeId));
}

export type StudioDiscountCode = DiscountRule & { itemTitles: string[]; salesCount: number; revenueAtomic: bigint; discountedAtomic: bigint };

/** A creator's codes, newest first, each with its settled sales, revenue and what it took off. */
export async function getDiscountCodesOfCreator({ creatorId }: { creatorId: string }): Promise<StudioDiscountCode[]> {
  const codes = await getDb().select().from(discountCodes).where(eq(discountCodes.creatorId, creatorId)).orderBy(desc(discountCodes.createdAt));
  const rules = await withItemIds(getDb(), codes);
  if (rules.length === 0) return [];
  const totals = await getDb()
    .select({
      codeId: payments.discountCodeId,
      salesCount: sql<number>`count(*)::int`,
      revenue: sql<string>`coalesce(sum(${payments.amountAtomic}), 0)::text`,
      discounted: sql<string>`coalesce(sum(${payments.discountAtomic}), 0)::text`,
    })
    .from(payments)
    .where(and(inArray(payments.discountCodeId, rules.map((rule) => rule.id)), eq(payments.status, "settled")))
    .groupBy(payments.discountCodeId);
  const titles = await getDb().select({ id: items.id, title: items.title }).from(items).where(eq(items.creatorId, creatorId));
  return rules.map((rule) => {
    const total = totals.find((row) => row.codeId === rule.id);
    return {
      ...rule,
      itemTitles: rule.itemIds.map((id) => titles.find((item) => item.id === id)?.title ?? "").filter(Boolean),
      salesCount: total?.salesCount ?? 0,
      revenueAtomic: BigInt(total?.revenue ?? "0"),
      discountedAtomic: BigInt(total?.discounted ?? "0"),
    };
  });
}

export type NewCodeInput = {
  code: string;
  percentOff: number | null;
  amountOffAtomic: bigint | null;
  allItems: boolean;
  itemIds: string[];
  maxUses: number | null;
  expiresAt: Date | null;
};

export type CreateCodeResult = { ok: true; id: string } | { ok: false; error: "code_taken" | "item_not_yours" };

/** A new code of the creator; its items must be the creator's own. */
export async function createDiscountCode({ creatorId, input }: { creatorId: string; input: NewCodeInput }): Promise<CreateCodeResult> {
  return getDb().transaction(async (tx) => {
    if (!input.allItems) {
      const own = await tx.select({ id: items.id }).from(items).where(and(eq(items.creatorId, creatorId), inArray(items.id, input.itemIds)));
      if (own.length !== new Set(input.itemIds).size) return { ok: false, error: "item_not_yours" } as const;
    }
    const [row] = await tx
      .insert(discountCodes)
      .values({
        creatorId,
        code: input.code,
        percentOff: input.percentOff,
        amountOffAtomic: input.amountOffAtomic,
        allItems: input.allItems,
        maxUses: input.maxUses,
        expiresAt: input.expiresAt,
      })
      .onConflictDoNothing()
      .returning({ id: discountCodes.id });
    if (!row) return { ok: false, error: "code_taken" } as const;
    if (!input.allItems) await tx.insert(discountCodeItems).values([...new Set(input.itemIds)].map((itemId) => ({ codeId: row.id, itemId })));
    return { ok: true, id: row.id } as const;
  });
}

/** Pauses or resumes one of the creator's codes; false when it is not theirs. */
export async function setDiscountCodePaused({ creatorId, codeId, paused }: { creatorId: string; codeId: string; paused: boolean }): Promise<boolean> {
  const rows = await getDb()
    .update(discountCodes)
    .set({ paused })
    .where(and(eq(discountCodes.id, codeId), eq(discountCodes.creatorId, creatorId)))
    .returning({ id: discountCodes.id });
  return rows.length === 1;
}

/** Deletes one of the creator's codes; past payments keep the code's text and discount. */
export async function deleteDiscountCode({ creatorId, codeId }: { creatorId: string; codeId: string }): Promise<boolean> {
  const rows = await getDb()
    .delete(discountCodes)
    .where(and(eq(discountCodes.id, codeId), eq(discountCodes.creatorId, creatorId)))
    .returning({ id: discountCodes.id });
  return rows.length === 1;
}

/** A code by id as the database holds it now (to tell why it could not be used), or null. */
export async function findDiscountRuleById({ codeId }: { codeId: string }): Promise<DiscountRule | null> {
  const [rule] = await withItemIds(getDb(), await getDb().select().from(discountCodes).where(eq(discountCodes.id, codeId)));
  return rule ?? null;
}
