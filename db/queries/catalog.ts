import "server-only";
import { and, asc, desc, eq } from "drizzle-orm";
import { getDb } from "../database";
import { type Creator, type Item, type ItemFile, type ItemKind, creators, itemFiles, items } from "../schema";

export type CatalogItem = Item & { creator: Creator };
export type CatalogItemWithFiles = CatalogItem & { files: ItemFile[] };

/** Published items, newest first, optionally of one kind or one creator. */
export async function getPublishedItems(filter: { kind?: ItemKind; creatorId?: string } = {}): Promise<CatalogItem[]> {
  const rows = await getDb()
    .select({ item: items, creator: creators })
    .from(items)
    .innerJoin(creators, eq(items.creatorId, creators.id))
    .where(
      and(
        eq(items.published, true),
        filter.kind ? eq(items.kind, filter.kind) : undefined,
        filter.creatorId ? eq(items.creatorId, filter.creatorId) : undefined,
      ),
    )
    .orderBy(desc(items.createdAt), asc(items.slug));
  return rows.map(({ item, creator }) => ({ ...item, creator }));
}

/** Files of the given items, in position order, grouped by item id. */
export async function getFilesOfItems({ itemIds }: { itemIds: string[] }): Promise<Map<string, ItemFile[]>> {
  const byItem = new Map<string, ItemFile[]>(itemIds.map((id) => [id, []]));
  if (itemIds.length === 0) return byItem;
  const rows = await getDb().query.itemFiles.findMany({
    where: (file, { inArray }) => inArray(file.itemId, itemIds),
    orderBy: [asc(itemFiles.itemId), asc(itemFiles.position)],
  });
  for (const row of rows) byItem.get(row.itemId)?.push(row);
  return byItem;
}

/** Published items with their files: what `/api/catalog` lists. */
export async function getPublishedItemsWithFiles(): Promise<CatalogItemWithFiles[]> {
  const published = await getPublishedItems();
  const files = await getFilesOfItems({ itemIds: published.map((item) => item.id) });
  return published.map((item) => ({ ...item, files: files.get(item.id) ?? [] }));
}

/** A published item by slug with its creator and files, or null (unknown and unpublished alike). */
export async function getPublishedItemBySlug({ slug }: { slug: string }): Promise<CatalogItemWithFiles | null> {
  const [row] = await getDb()
    .select({ item: items, creator: creators })
    .from(items)
    .innerJoin(creators, eq(items.creatorId, creators.id))
    .where(and(eq(items.slug, slug), eq(items.published, true)))
    .limit(1);
  if (!row) return null;
  const files = await getFilesOfItems({ itemIds: [row.item.id] });
  return { ...row.item, creator: row.creator, files: files.get(row.item.id) ?? [] };
}

export async function getCreatorByHandle({ handle }: { handle: string }): Promise<Creator | null> {
  const creator = await getDb().query.creators.findFirst({ where: (row, { eq }) => eq(row.handle, handle) });
  return creator ?? null;
}
