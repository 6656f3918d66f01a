import "server-only";
import { and, asc, desc, eq, inArray, or, sql } from "drizzle-orm";
import { getDb } from "../database";
import { type Item, type ItemFile, bundleItems, itemFiles, items, payments } from "../schema";
import { type BundleMember, bundleFiles, getBundleMembers } from "./bundles";

/**
 * Whether `payer` holds a settled payment for the item, or for a bundle that includes it: a
 * purchase entitles to the item (every member of a bundle), not to one file. A bundle's
 * membership is frozen once it sold (db/queries/bundles.ts), so this is what the buyer bought.
 */
export async function hasPurchased({ payer, itemId }: { payer: string; itemId: string }): Promise<boolean> {
  const bundlesWithItem = getDb().select({ id: bundleItems.bundleId }).from(bundleItems).where(eq(bundleItems.memberId, itemId));
  const [row] = await getDb()
    .select({ id: payments.id })
    .from(payments)
    .where(and(eq(payments.payer, payer), or(eq(payments.itemId, itemId), inArray(payments.itemId, bundlesWithItem)), eq(payments.status, "settled")))
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
  const files = await getPaidFilesOfItems(rows.map((row) => row.item));
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
    files: files.get(item.id) ?? [],
  }));
}

/** Each item's current paid files, by item id; a bundle's are its members', one folder per member. */
export async function getPaidFilesOfItems(list: Pick<Item, "id" | "kind">[]): Promise<Map<string, ItemFile[]>> {
  const bundles = await getBundleMembers({ bundleIds: list.filter((item) => item.kind === "bundle").map((item) => item.id) });
  const itemIds = [...new Set([...list.map((item) => item.id), ...[...bundles.values()].flat().map((member) => member.id)])];
  const rows = await getDb()
    .select()
    .from(itemFiles)
    .where(and(inArray(itemFiles.itemId, itemIds), eq(itemFiles.isPreview, false)))
    .orderBy(asc(itemFiles.position));
  const byItem = new Map<string, ItemFile[]>(itemIds.map((id) => [id, rows.filter((file) => file.itemId === id)]));
  for (const [bundleId, members] of bundles) byItem.set(bundleId, bundleFiles(members, byItem));
  return byItem;
}

/** A paid file of an item, if `payer` bought that item, with whether that item is stamped. */
export async function getPurchasedFile({ payer, fileId }: { payer: string; fileId: string }): Promise<{ file: ItemFile; stamped: boolean } | null> {
  const [row] = await getDb().select({ file: itemFiles, stamped: items.stamped }).from(itemFiles).innerJoin(items, eq(itemFiles.itemId, items.id)).where(eq(itemFiles.id, fileId)).limit(1);
  if (!row || row.file.isPreview) return null;
  return (await hasPurchased({ payer, itemId: row.file.itemId })) ? row : null;
}

/**
 * The settled payment a stamped copy for `payer` names: the earliest for the item itself, else
 * the earliest for a bundle that includes it. Always the same one, so re-downloads are the same bytes.
 */
export async function getStampingPurchase({ payer, itemId }: { payer: string; itemId: string }): Promise<{ payer: string; transactionHash: string; settledAt: Date } | null> {
  const bundlesWithItem = getDb().select({ id: bundleItems.bundleId }).from(bundleItems).where(eq(bundleItems.memberId, itemId));
  const [row] = await getDb()
    .select({ payer: payments.payer, transactionHash: payments.transactionHash, settledAt: payments.settledAt })
    .from(payments)
    .where(and(eq(payments.payer, payer), or(eq(payments.itemId, itemId), inArray(payments.itemId, bundlesWithItem)), eq(payments.status, "settled")))
    .orderBy(sql`${payments.itemId} = ${itemId} desc`, asc(payments.settledAt), asc(payments.id))
    .limit(1);
  return row?.transactionHash && row.settledAt ? { payer: row.payer, transactionHash: row.transactionHash, settledAt: row.settledAt } : null;
}

/** An item `payer` bought with its current paid files (a bundle's members' files): the library's "Download all". */
export async function getPurchasedItem({
  payer,
  itemId,
}: {
  payer: string;
  itemId: string;
}): Promise<{ id: string; slug: string; stamped: boolean; bundle?: BundleMember[]; files: ItemFile[] } | null> {
  if (!(await hasPurchased({ payer, itemId }))) return null;
  const item = await getDb().query.items.findFirst({ where: (row, { eq }) => eq(row.id, itemId) });
  if (!item) return null;
  const bundle = item.kind === "bundle" ? (await getBundleMembers({ bundleIds: [item.id] })).get(item.id) : undefined;
  return { id: item.id, slug: item.slug, stamped: item.stamped, bundle, files: (await getPaidFilesOfItems([item])).get(item.id) ?? [] };
}
