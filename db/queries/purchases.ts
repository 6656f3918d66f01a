import "server-only";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { getDb } from "../database";
import { type ItemFile, itemFiles, items, payments } from "../schema";

/** Whether `payer` holds a settled payment for the item: a purchase entitles to the item, not to one file. */
export async function hasPurchased({ payer, itemId }: { payer: string; itemId: string }): Promise<boolean> {
  const [row] = await getDb()
    .select({ id: payments.id })
    .from(payments)
    .where(and(eq(payments.payer, payer), eq(payments.itemId, itemId), eq(payments.status, "settled")))
    .limit(1);
  return Boolean(row);
}

export type Purchase = {
  paymentId: string;
  itemId: string;
  slug: string;
  title: string;
  kind: string;
  /** A cover the public cover URL serves: the item has one and is still published. */
  hasCover: boolean;
  amountAtomic: bigint;
  /** Empty for a free claim, which has no chain transaction. */
  transactionHash: string;
  discountCode: string | null;
  settledAt: Date | null;
  files: ItemFile[];
};

/** A wallet's settled purchases, newest first, each with the item's current paid files. */
export async function getPurchasesOf({ payer }: { payer: string }): Promise<Purchase[]> {
  const rows = await getDb()
    .select({ payment: payments, item: items })
    .from(payments)
    .innerJoin(items, eq(payments.itemId, items.id))
    .where(and(eq(payments.payer, payer), eq(payments.status, "settled")))
    .orderBy(desc(payments.settledAt));
  if (rows.length === 0) return [];
  const files = await getDb()
    .select()
    .from(itemFiles)
    .where(and(inArray(itemFiles.itemId, rows.map((row) => row.item.id)), eq(itemFiles.isPreview, false)))
    .orderBy(asc(itemFiles.position));
  return rows.map(({ payment, item }) => ({
    paymentId: payment.id,
    itemId: item.id,
    slug: item.slug,
    title: item.title,
    kind: item.kind,
    hasCover: item.coverKey !== null && item.published,
    amountAtomic: payment.amountAtomic,
    transactionHash: payment.transactionHash ?? "",
    discountCode: payment.discountCode,
    settledAt: payment.settledAt,
    files: files.filter((file) => file.itemId === item.id),
  }));
}

/** A paid file of an item, if `payer` bought that item. */
export async function getPurchasedFile({ payer, fileId }: { payer: string; fileId: string }): Promise<ItemFile | null> {
  const file = await getDb().query.itemFiles.findFirst({ where: (row, { eq }) => eq(row.id, fileId) });
  if (!file || file.isPreview) return null;
  return (await hasPurchased({ payer, itemId: file.itemId })) ? file : null;
}

/** The slug and current paid files of an item `payer` bought: the library's "Download all". */
export async function getPurchasedItem({ payer, itemId }: { payer: string; itemId: string }): Promise<{ slug: string; files: ItemFile[] } | null> {
  if (!(await hasPurchased({ payer, itemId }))) return null;
  const item = await getDb().query.items.findFirst({ where: (row, { eq }) => eq(row.id, itemId) });
  if (!item) return null;
  const files = await getDb()
    .select()
    .from(itemFiles)
    .where(and(eq(itemFiles.itemId, itemId), eq(itemFiles.isPreview, false)))
    .orderBy(asc(itemFiles.position));
  return { slug: item.slug, files };
}
