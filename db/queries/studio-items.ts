import "server-only";
import { randomBytes } from "node:crypto";
import { and, asc, desc, eq, max, ne, sql } from "drizzle-orm";
import type { ItemChanges, NewItemInput } from "@/lib/studio/item-input";
import { getDb } from "../database";
import { type Item, type ItemFile, type NewItemFile, itemFiles, items, payments } from "../schema";

export type StudioItem = Item & { files: ItemFile[] };

/** A creator's items, drafts included, newest first. */
export async function getItemsOfCreator({ creatorId }: { creatorId: string }): Promise<Item[]> {
  return getDb().query.items.findMany({ where: eq(items.creatorId, creatorId), orderBy: [desc(items.createdAt), asc(items.slug)] });
}

/** One of the creator's items with its files, or null when it does not exist or is someone else's. */
export async function getCreatorItem({ creatorId, itemId }: { creatorId: string; itemId: string }): Promise<StudioItem | null> {
  const item = await getDb().query.items.findFirst({ where: and(eq(items.id, itemId), eq(items.creatorId, creatorId)) });
  if (!item) return null;
  const files = await getDb().query.itemFiles.findMany({ where: eq(itemFiles.itemId, itemId), orderBy: asc(itemFiles.position) });
  return { ...item, files };
}

function slugFromTitle(title: string): string {
  const base = title
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return base || "item";
}

/** A new draft with a URL slug from its title; the slug never changes, so links and agents keep working. */
export async function createItem({ creatorId, input }: { creatorId: string; input: NewItemInput }): Promise<Item> {
  const base = slugFromTitle(input.title);
  const taken = await getDb().query.items.findFirst({ where: eq(items.slug, base), columns: { id: true } });
  const slug = taken ? `${base}-${randomBytes(3).toString("hex")}` : base;
  const [item] = await getDb()
    .insert(items)
    .values({
      creatorId,
      slug,
      title: input.title,
      description: input.description,
      kind: input.kind,
      priceAtomic: input.price,
      payoutAddress: input.payoutAddress,
      refundPolicy: input.refundPolicy,
      published: false,
    })
    .returning();
  return item;
}

export async function updateItem({ creatorId, itemId, changes }: { creatorId: string; itemId: string; changes: ItemChanges }): Promise<Item | null> {
  const { price, ...rest } = changes;
  const [item] = await getDb()
    .update(items)
    .set({ ...rest, ...(price === undefined ? {} : { priceAtomic: price }) })
    .where(and(eq(items.id, itemId), eq(items.creatorId, creatorId)))
    .returning();
  return item ?? null;
}

/** Points the item at a new cover; returns the previous cover's key to delete. */
export async function setItemCover({ itemId, coverKey, coverType }: { itemId: string; coverKey: string; coverType: string }): Promise<string | null> {
  return getDb().transaction(async (tx) => {
    const [before] = await tx.select({ coverKey: items.coverKey }).from(items).where(eq(items.id, itemId)).for("update");
    await tx.update(items).set({ coverKey, coverType }).where(eq(items.id, itemId));
    return before?.coverKey ?? null;
  });
}

export type DeleteItemResult = { deleted: true; storageKeys: string[] } | { deleted: false; reason: "has_payments" };

/** Deletes a draft that nobody paid for. An item with payments stays: its buyers keep access. */
export async function deleteItem({ item }: { item: StudioItem }): Promise<DeleteItemResult> {
  return getDb().transaction(async (tx) => {
    const [paid] = await tx.select({ id: payments.id }).from(payments).where(eq(payments.itemId, item.id)).limit(1);
    if (paid) return { deleted: false, reason: "has_payments" } as const;
    await tx.delete(items).where(eq(items.id, item.id));
    const keys = item.files.map((file) => file.storageKey);
    return { deleted: true, storageKeys: item.coverKey ? [...keys, item.coverKey] : keys } as const;
  });
}

/** Appends a file after the item's last one; a new preview takes over from the previous one. */
export async function addItemFile(file: Omit<NewItemFile, "position">): Promise<ItemFile> {
  return getDb().transaction(async (tx) => {
    await tx.select({ id: items.id }).from(items).where(eq(items.id, file.itemId)).for("update");
    const [{ last }] = await tx.select({ last: max(itemFiles.position) }).from(itemFiles).where(eq(itemFiles.itemId, file.itemId));
    if (file.isPreview) await tx.update(itemFiles).set({ isPreview: false }).where(eq(itemFiles.itemId, file.itemId));
    const [row] = await tx
      .insert(itemFiles)
      .values({ ...file, position: (last ?? -1) + 1 })
      .returning();
    return row;
  });
}

/** Points a file at new content (a corrected edition); returns the old storage key to delete. */
export async function replaceItemFileContent({
  file,
  content,
}: {
  file: ItemFile;
  content: Pick<ItemFile, "fileName" | "mimeType" | "sizeBytes" | "sha256" | "storageKey">;
}): Promise<string> {
  await getDb().update(itemFiles).set(content).where(eq(itemFiles.id, file.id));
  return file.storageKey;
}

/** Marks one file as the item's free preview (clearing any other), or clears it. */
export async function setFilePreview({ file, isPreview }: { file: ItemFile; isPreview: boolean }) {
  await getDb().transaction(async (tx) => {
    if (isPreview) {
      await tx
        .update(itemFiles)
        .set({ isPreview: false })
        .where(and(eq(itemFiles.itemId, file.itemId), ne(itemFiles.id, file.id)));
    }
    await tx.update(itemFiles).set({ isPreview }).where(eq(itemFiles.id, file.id));
  });
}

/** Swaps a file with its neighbour, to order a course's lessons. */
export async function moveItemFile({ item, fileId, direction }: { item: StudioItem; fileId: string; direction: "up" | "down" }) {
  const index = item.files.findIndex((file) => file.id === fileId);
  const neighbour = item.files[direction === "up" ? index - 1 : index + 1];
  if (index < 0 || !neighbour) return;
  const file = item.files[index];
  await getDb().transaction(async (tx) => {
    // Positions are unique per item: park one file outside the range while the two trade places.
    await tx.update(itemFiles).set({ position: sql`-1` }).where(eq(itemFiles.id, file.id));
    await tx.update(itemFiles).set({ position: file.position }).where(eq(itemFiles.id, neighbour.id));
    await tx.update(itemFiles).set({ position: neighbour.position }).where(eq(itemFiles.id, file.id));
  });
}

export async function deleteItemFile({ file }: { file: ItemFile }) {
  await getDb().delete(itemFiles).where(eq(itemFiles.id, file.id));
}
