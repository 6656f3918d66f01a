import "server-only";
import { and, count, eq, isNotNull, ne, sum } from "drizzle-orm";
import type { Database, Transaction } from "../client";
import { getDb } from "../database";
import { creators, itemFiles, items } from "../schema";

/** What a creator stores: the bytes of their item files, and the keys of their covers (whose sizes live in storage). */
export type CreatorStorage = { fileBytes: number; coverKeys: string[] };

/** What an upload replaces, and so does not count: a file's old content, or an item's old cover. */
export type Replaced = { fileId?: string; coverOfItemId?: string };

/**
 * The creator's stored files and covers, not counting what `replaced` names. Inside a transaction
 * the creator's row is locked first, so that concurrent uploads of one creator (in any process)
 * are admitted one after another against the same total.
 */
export async function getCreatorStorage({ creatorId, replaced = {}, tx }: { creatorId: string; replaced?: Replaced; tx?: Transaction }): Promise<CreatorStorage> {
  const db: Database | Transaction = tx ?? getDb();
  if (tx) await tx.select({ id: creators.id }).from(creators).where(eq(creators.id, creatorId)).for("update");
  const [files] = await db
    .select({ bytes: sum(itemFiles.sizeBytes) })
    .from(itemFiles)
    .innerJoin(items, eq(items.id, itemFiles.itemId))
    .where(and(eq(items.creatorId, creatorId), replaced.fileId ? ne(itemFiles.id, replaced.fileId) : undefined));
  const covers = await db
    .select({ key: items.coverKey })
    .from(items)
    .where(and(eq(items.creatorId, creatorId), isNotNull(items.coverKey), replaced.coverOfItemId ? ne(items.id, replaced.coverOfItemId) : undefined));
  return { fileBytes: Number(files?.bytes ?? 0), coverKeys: covers.map((cover) => cover.key!) };
}

/** How many items (drafts included) the creator has; inside a transaction, with the creator's row locked. */
export async function countCreatorItems({ creatorId, tx }: { creatorId: string; tx: Transaction }): Promise<number> {
  await tx.select({ id: creators.id }).from(creators).where(eq(creators.id, creatorId)).for("update");
  const [row] = await tx.select({ items: count() }).from(items).where(eq(items.creatorId, creatorId));
  return row.items;
}
