import "server-only";
import { type SQL, and, asc, desc, eq, gte, ilike, isNull, lte, or, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { CatalogCursor, CatalogFilter, CatalogQuery, CatalogSort } from "@/lib/catalog/browse";
import { getDb } from "../database";
import { type BundleMember, bundleFiles, getBundleMembers } from "./bundles";
import { type Creator, type Item, type ItemFile, type ItemKind, creators, itemFiles, items, payments, refunds } from "../schema";

export type CatalogItem = Item & { creator: Creator };
/**
 * An item with its paid and preview files. A bundle's files are its members' paid files, one
 * folder per member (db/queries/bundles.ts bundleFiles), and `bundle` lists the members.
 */
export type CatalogItemWithFiles = CatalogItem & { files: ItemFile[]; bundle?: BundleMember[] };

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

/** Items with their files; bundles with their members and the members' files. */
async function withFiles(list: CatalogItem[]): Promise<CatalogItemWithFiles[]> {
  const bundles = await getBundleMembers({ bundleIds: list.filter((item) => item.kind === "bundle").map((item) => item.id) });
  const memberIds = [...bundles.values()].flat().map((member) => member.id);
  const files = await getFilesOfItems({ itemIds: [...new Set([...list.map((item) => item.id), ...memberIds])] });
  return list.map((item) => {
    const members = bundles.get(item.id);
    return members ? { ...item, files: bundleFiles(members, files), bundle: members } : { ...item, files: files.get(item.id) ?? [] };
  });
}

/** Published items with their files: what `/api/catalog` lists. */
export async function getPublishedItemsWithFiles(): Promise<CatalogItemWithFiles[]> {
  return withFiles(await getPublishedItems());
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
  const [item] = await withFiles([{ ...row.item, creator: row.creator }]);
  return item;
}

/**
 * A cheap mark that changes whenever a row the published catalog is built from changes: each
 * table's row count and its newest row version (`xmin`, the writing transaction's id). Any insert
 * or update raises a table's newest version, a delete lowers its count. Read by every server
 * process about once a second (lib/catalog/snapshot.ts) instead of the catalog on every request.
 */
export async function readCatalogFingerprint(): Promise<string> {
  const version = (table: string) => sql.raw(`(select count(*) || '.' || coalesce(max(xmin::text::bigint), 0) from ${table})`);
  const result = await getDb().execute<{ mark: string }>(
    sql`select ${version("items")} || ':' || ${version("item_files")} || ':' || ${version("creators")} || ':' || ${version("bundle_items")} || ':' || ${version("discount_codes")} || ':' || ${version("discount_code_items")} as mark`,
  );
  const rows = (Array.isArray(result) ? result : (result as { rows: { mark: string }[] }).rows) as { mark: string }[];
  return rows[0].mark;
}

export async function getCreatorByHandle({ handle }: { handle: string }): Promise<Creator | null> {
  const creator = await getDb().query.creators.findFirst({ where: (row, { eq }) => eq(row.handle, handle) });
  return creator ?? null;
}

/** How each catalog order is built: its leading column, that column as cursor text, and which way it runs. */
const ORDERS: Record<CatalogSort, { column: AnyPgColumn; key: SQL<string>; descending: boolean; cast: SQL }> = {
  // Timestamps carry microseconds, which a JS Date would drop: the cursor keeps the database's own text.
  newest: {
    column: items.createdAt,
    key: sql<string>`to_char(${items.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    descending: true,
    cast: sql`timestamptz`,
  },
  "price-asc": { column: items.priceAtomic, key: sql<string>`${items.priceAtomic}::text`, descending: false, cast: sql`numeric` },
  "price-desc": { column: items.priceAtomic, key: sql<string>`${items.priceAtomic}::text`, descending: true, cast: sql`numeric` },
};

/** `%`, `_` and `\` typed by a person are searched for literally. */
const likePattern = (word: string) => `%${word.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

function filterCondition(filter: CatalogFilter & { creatorId?: string }): SQL | undefined {
  return and(
    eq(items.published, true),
    filter.kind ? eq(items.kind, filter.kind) : undefined,
    filter.creatorId ? eq(items.creatorId, filter.creatorId) : undefined,
    filter.minPriceAtomic !== undefined ? gte(items.priceAtomic, filter.minPriceAtomic) : undefined,
    filter.maxPriceAtomic !== undefined ? lte(items.priceAtomic, filter.maxPriceAtomic) : undefined,
    ...filter.words.map((word) =>
      or(ilike(items.title, likePattern(word)), ilike(items.description, likePattern(word)), ilike(creators.displayName, likePattern(word))),
    ),
  );
}

/**
 * Rows strictly past the cursor in the order's direction ("after") or before it ("before"). The
 * leading column's bound comes first on its own (`<=`/`>=`) so that an index on it can be used.
 */
function keysetCondition(sort: CatalogSort, cursor: CatalogCursor, direction: "after" | "before"): SQL {
  const { column, descending, cast } = ORDERS[sort];
  const value = sql`${cursor.key}::${cast}`;
  const forward = (direction === "after") !== descending;
  return forward
    ? sql`(${column} >= ${value} and (${column} > ${value} or ${items.slug} ${direction === "after" ? sql`>` : sql`<`} ${cursor.slug}))`
    : sql`(${column} <= ${value} and (${column} < ${value} or ${items.slug} ${direction === "after" ? sql`>` : sql`<`} ${cursor.slug}))`;
}

export type CatalogPage = {
  items: CatalogItem[];
  /** Cursors for the next and the previous page, or null where there is none. */
  next: CatalogCursor | null;
  previous: CatalogCursor | null;
};

/**
 * One page of the published catalog: searched, filtered and sorted, paged by keyset cursor (no
 * OFFSET, so page 400 costs what page 1 does). Optionally one creator's items only.
 */
export async function browseCatalog(query: CatalogQuery & { creatorId?: string; pageSize: number }): Promise<CatalogPage> {
  const { sort, start, pageSize } = query;
  const order = ORDERS[sort];
  const backward = start?.direction === "before";
  const filter = filterCondition(query);
  const select = (where: SQL | undefined, reverse: boolean, limit: number) =>
    getDb()
      .select({ item: items, creator: creators, key: order.key })
      .from(items)
      .innerJoin(creators, eq(items.creatorId, creators.id))
      .where(where)
      .orderBy(order.descending !== reverse ? desc(order.column) : asc(order.column), reverse ? desc(items.slug) : asc(items.slug))
      .limit(limit);

  const rows = await select(and(filter, start && keysetCondition(sort, start.cursor, start.direction)), backward, pageSize + 1);
  const more = rows.length > pageSize;
  const page = rows.slice(0, pageSize);
  if (backward) page.reverse();
  const cursorOf = (row: (typeof rows)[number]): CatalogCursor => ({ sort, key: row.key, slug: row.item.slug });
  const first = page.length > 0 ? cursorOf(page[0]) : start?.cursor;
  const last = page.length > 0 ? cursorOf(page[page.length - 1]) : start?.cursor;
  // The side the page was reached from: anything left there (a row may have gone since).
  const existsBeyond = async (cursor: CatalogCursor | undefined, direction: "after" | "before") =>
    cursor !== undefined && (await select(and(filter, keysetCondition(sort, cursor, direction)), direction === "before", 1)).length > 0;
  const hasNext = backward ? await existsBeyond(last, "after") : more;
  const hasPrevious = backward ? more : start ? await existsBeyond(first, "before") : false;
  return {
    items: page.map(({ item, creator }) => ({ ...item, creator })),
    next: hasNext && last ? last : null,
    previous: hasPrevious && first ? first : null,
  };
}

/**
 * How many times an item sold, for its page when the creator shows it: settled payments that no
 * refund was recorded against (a partly refunded sale no longer counts either).
 */
export async function countItemSales({ itemId }: { itemId: string }): Promise<number> {
  const [row] = await getDb()
    .select({ sales: sql<number>`count(*)::int` })
    .from(payments)
    .leftJoin(refunds, eq(refunds.paymentId, payments.id))
    .where(and(eq(payments.itemId, itemId), eq(payments.status, "settled"), isNull(refunds.id)));
  return row?.sales ?? 0;
}
