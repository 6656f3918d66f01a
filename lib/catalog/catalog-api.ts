import { z } from "zod";
import type { CatalogItemWithFiles } from "@/db/queries/catalog";
import type { CatalogSnapshot } from "./snapshot";

/** Items per /api/catalog page when the caller names no `limit`, and the most it may ask for. */
export const CATALOG_API_DEFAULT_LIMIT = 100;
export const CATALOG_API_MAX_LIMIT = 500;

/**
 * Where the next page starts: the last listed item's creation time (milliseconds) and slug, in the
 * catalog's order (newest first, then by slug). Opaque to clients (base64url JSON). Keyed by
 * position rather than by index, so that items published or unpublished between two requests
 * move no other item across a page boundary.
 */
type ApiCursor = { createdAtMs: number; slug: string };

const cursorSchema = z.tuple([z.number().int().nonnegative(), z.string().min(1).max(200)]);

export function encodeApiCursor(item: CatalogItemWithFiles): string {
  return Buffer.from(JSON.stringify([item.createdAt.getTime(), item.slug])).toString("base64url");
}

function decodeApiCursor(text: string): ApiCursor | null {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(text, "base64url").toString("utf8")));
    return parsed.success ? { createdAtMs: parsed.data[0], slug: parsed.data[1] } : null;
  } catch {
    return null;
  }
}

const querySchema = z.object({
  limit: z
    .string()
    .regex(/^\d{1,4}$/, "invalid_limit")
    .transform(Number)
    .refine((limit) => limit >= 1 && limit <= CATALOG_API_MAX_LIMIT, "invalid_limit")
    .optional(),
  cursor: z.string().max(400, "invalid_cursor").optional(),
});

export type CatalogApiQuery = { limit: number; after: ApiCursor | null };
export type CatalogApiQueryResult = { ok: true; query: CatalogApiQuery } | { ok: false; reason: "invalid_limit" | "invalid_cursor" };

/** `?limit=` (1–500, default 100) and `?cursor=` (a `next` this API gave) from a request URL. */
export function readCatalogApiQuery(url: URL): CatalogApiQueryResult {
  const raw = { limit: url.searchParams.get("limit") ?? undefined, cursor: url.searchParams.get("cursor") ?? undefined };
  const parsed = querySchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: parsed.error.issues[0].path[0] === "limit" ? "invalid_limit" : "invalid_cursor" };
  const after = parsed.data.cursor === undefined ? null : decodeApiCursor(parsed.data.cursor);
  if (parsed.data.cursor !== undefined && !after) return { ok: false, reason: "invalid_cursor" };
  return { ok: true, query: { limit: parsed.data.limit ?? CATALOG_API_DEFAULT_LIMIT, after } };
}

/** Whether `item` comes after `cursor` in the catalog's order (newest first, then by slug). */
function isAfter(item: CatalogItemWithFiles, cursor: ApiCursor): boolean {
  const createdAtMs = item.createdAt.getTime();
  return createdAtMs < cursor.createdAtMs || (createdAtMs === cursor.createdAtMs && item.slug > cursor.slug);
}

/** One page of the snapshot's items and the cursor of the next, or null on the last page. */
export function catalogApiPage(snapshot: CatalogSnapshot, { limit, after }: CatalogApiQuery): { items: CatalogItemWithFiles[]; next: string | null } {
  const all = snapshot.items;
  // The snapshot is sorted in the cursor's order: binary search for the first item past it.
  let [low, high] = [0, all.length];
  while (after && low < high) {
    const middle = (low + high) >>> 1;
    if (isAfter(all[middle], after)) high = middle;
    else low = middle + 1;
  }
  const items = all.slice(low, low + limit);
  return { items, next: low + limit < all.length ? encodeApiCursor(items[items.length - 1]) : null };
}
