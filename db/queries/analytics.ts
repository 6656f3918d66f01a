import "server-only";
import { and, eq, gte, inArray, sql } from "drizzle-orm";
import { getDb } from "../database";
import { itemDailyStats, items, payments, refunds } from "../schema";

/** Counts to add to one item's day (a UTC date, YYYY-MM-DD). */
export type ItemDayCounts = { itemId: string; day: string; pageViews: number; offersServed: number };

/**
 * Adds the counts to the daily rows in one upsert. Items deleted since they were counted (an
 * unpublished draft swept away) are skipped rather than failing the whole batch on the foreign key.
 */
export async function addItemDayCounts(counts: ItemDayCounts[]): Promise<void> {
  if (counts.length === 0) return;
  const existing = await getDb()
    .select({ id: items.id })
    .from(items)
    .where(inArray(items.id, [...new Set(counts.map((count) => count.itemId))]));
  const known = new Set(existing.map((row) => row.id));
  const rows = counts.filter((count) => known.has(count.itemId));
  if (rows.length === 0) return;
  await getDb()
    .insert(itemDailyStats)
    .values(rows)
    .onConflictDoUpdate({
      target: [itemDailyStats.itemId, itemDailyStats.day],
      set: {
        pageViews: sql`${itemDailyStats.pageViews} + excluded.page_views`,
        offersServed: sql`${itemDailyStats.offersServed} + excluded.offers_served`,
      },
    });
}

export type ItemFunnel = { itemId: string; pageViews: number; offersServed: number; paidDownloads: number };

/** Per item of a creator since a day: page views, 402s served and settled sales. */
export async function getItemFunnels({ creatorId, since }: { creatorId: string; since: string }): Promise<Map<string, ItemFunnel>> {
  const [counted, sold] = await Promise.all([
    getDb()
      .select({
        itemId: itemDailyStats.itemId,
        pageViews: sql<number>`sum(${itemDailyStats.pageViews})::int`,
        offersServed: sql<number>`sum(${itemDailyStats.offersServed})::int`,
      })
      .from(itemDailyStats)
      .innerJoin(items, eq(items.id, itemDailyStats.itemId))
      .where(and(eq(items.creatorId, creatorId), gte(itemDailyStats.day, since)))
      .groupBy(itemDailyStats.itemId),
    getDb()
      .select({ itemId: payments.itemId, paidDownloads: sql<number>`count(*)::int` })
      .from(payments)
      .innerJoin(items, eq(items.id, payments.itemId))
      .where(and(eq(items.creatorId, creatorId), eq(payments.status, "settled"), gte(payments.settledAt, new Date(`${since}T00:00:00Z`))))
      .groupBy(payments.itemId),
  ]);
  const funnels = new Map<string, ItemFunnel>();
  const funnelOf = (itemId: string) => {
    let funnel = funnels.get(itemId);
    if (!funnel) funnels.set(itemId, (funnel = { itemId, pageViews: 0, offersServed: 0, paidDownloads: 0 }));
    return funnel;
  };
  for (const row of counted) Object.assign(funnelOf(row.itemId), { pageViews: row.pageViews, offersServed: row.offersServed });
  for (const row of sold) funnelOf(row.itemId).paidDownloads = row.paidDownloads;
  return funnels;
}

export type DailyRevenue = { day: string; grossAtomic: bigint; refundedAtomic: bigint };

const utcDay = (column: unknown) => sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD')`;

/**
 * A creator's revenue per UTC day since a day, every day present (0 when nothing sold): sales on
 * the day they settled, refunds on the day they were recorded.
 */
export async function getDailyRevenue({ creatorId, since, until }: { creatorId: string; since: string; until: string }): Promise<DailyRevenue[]> {
  const from = new Date(`${since}T00:00:00Z`);
  const [sales, refunded] = await Promise.all([
    getDb()
      .select({ day: utcDay(payments.settledAt), total: sql<string>`sum(${payments.amountAtomic})::text` })
      .from(payments)
      .innerJoin(items, eq(items.id, payments.itemId))
      .where(and(eq(items.creatorId, creatorId), eq(payments.status, "settled"), gte(payments.settledAt, from)))
      .groupBy(sql`1`),
    getDb()
      .select({ day: utcDay(refunds.createdAt), total: sql<string>`sum(${refunds.amountAtomic})::text` })
      .from(refunds)
      .innerJoin(payments, eq(payments.id, refunds.paymentId))
      .innerJoin(items, eq(items.id, payments.itemId))
      .where(and(eq(items.creatorId, creatorId), gte(refunds.createdAt, from)))
      .groupBy(sql`1`),
  ]);
  const gross = new Map(sales.map((row) => [row.day, BigInt(row.total)]));
  const back = new Map(refunded.map((row) => [row.day, BigInt(row.total)]));
  const days: DailyRevenue[] = [];
  for (let day = from; day.toISOString().slice(0, 10) <= until; day = new Date(day.getTime() + 86_400_000)) {
    const key = day.toISOString().slice(0, 10);
    days.push({ day: key, grossAtomic: gross.get(key) ?? 0n, refundedAtomic: back.get(key) ?? 0n });
  }
  return days;
}
