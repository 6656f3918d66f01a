import { z } from "zod";
import { ITEM_KINDS, type ItemKind } from "@/db/schema";
import { MAX_PRICE_ATOMIC } from "@/lib/money/price";
import { parseUsdc } from "@/lib/money/usdc";

/** Catalog orders; every one ends with the slug, so that each item has one place and a cursor is exact. */
export const CATALOG_SORTS = ["newest", "price-asc", "price-desc"] as const;
export type CatalogSort = (typeof CATALOG_SORTS)[number];
export const SORT_LABELS: Record<CatalogSort, string> = { newest: "Newest", "price-asc": "Price: low to high", "price-desc": "Price: high to low" };

/** Items per catalog page: twelve rows of two on a phone, six of four on a laptop. */
export const CATALOG_PAGE_SIZE = 24;

/**
 * Where a page starts: the sort it belongs to, the last (or first) item's sort key as the database
 * wrote it (an ISO timestamp with microseconds, or an atomic price), and its slug.
 */
export type CatalogCursor = { sort: CatalogSort; key: string; slug: string };
export type CatalogPageStart = { direction: "after" | "before"; cursor: CatalogCursor };

export type CatalogFilter = {
  /** Words that must each appear in the title, the description or the creator's name. */
  words: string[];
  kind?: ItemKind;
  minPriceAtomic?: bigint;
  maxPriceAtomic?: bigint;
};

export type CatalogQuery = CatalogFilter & { sort: CatalogSort; start?: CatalogPageStart };

const TIMESTAMP_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const PRICE_KEY = /^\d{1,78}$/;

const cursorSchema = z
  .tuple([z.enum(CATALOG_SORTS), z.string().max(80), z.string().min(1).max(200)])
  .refine(([sort, key]) => (sort === "newest" ? TIMESTAMP_KEY : PRICE_KEY).test(key));

export function encodeCursor({ sort, key, slug }: CatalogCursor): string {
  return Buffer.from(JSON.stringify([sort, key, slug])).toString("base64url");
}

/** The cursor in a URL, or null for anything that is not one this store wrote. */
export function decodeCursor(text: string): CatalogCursor | null {
  if (text.length > 600) return null;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(text, "base64url").toString("utf8")));
    return parsed.success ? { sort: parsed.data[0], key: parsed.data[1], slug: parsed.data[2] } : null;
  } catch {
    return null;
  }
}

/** A price bound as a person types it ("3", "3.50", "$3"); anything else means no bound. */
const priceBound = z
  .string()
  .transform((text) => {
    const parsed = parseUsdc(text);
    return parsed.ok && parsed.atomic <= MAX_PRICE_ATOMIC ? parsed.atomic : undefined;
  })
  .optional()
  .catch(undefined);

/** A query parameter given twice arrives as an array: the first one counts. */
const single = (schema: z.ZodType) => z.preprocess((value) => (Array.isArray(value) ? value[0] : value), schema);

/**
 * The catalog's URL query parameters (q, kind, min, max, sort, after, before), checked at the edge:
 * every malformed value falls back to its default instead of failing the page.
 */
const paramsSchema = z.object({
  q: single(z.string().max(200).optional().catch(undefined)),
  kind: single(z.enum(ITEM_KINDS).optional().catch(undefined)),
  min: single(priceBound),
  max: single(priceBound),
  sort: single(z.enum(CATALOG_SORTS).catch("newest")),
  after: single(z.string().optional().catch(undefined)),
  before: single(z.string().optional().catch(undefined)),
});

export type CatalogParams = Record<string, string | string[] | undefined>;

/** What the page shows and the form is filled with: the query, and the raw text of what was typed. */
export type CatalogState = { query: CatalogQuery; typed: { q: string; min: string; max: string } };

export function parseCatalogParams(params: CatalogParams): CatalogState {
  const parsed = paramsSchema.parse(params) as {
    q?: string;
    kind?: ItemKind;
    min?: bigint;
    max?: bigint;
    sort: CatalogSort;
    after?: string;
    before?: string;
  };
  const words = (parsed.q ?? "").trim().split(/\s+/).filter(Boolean).slice(0, 8);
  const start = pageStart(parsed.sort, parsed.after, parsed.before);
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";
  return {
    query: { words, kind: parsed.kind, minPriceAtomic: parsed.min, maxPriceAtomic: parsed.max, sort: parsed.sort, start },
    typed: { q: words.join(" "), min: parsed.min === undefined ? "" : first(params.min).trim(), max: parsed.max === undefined ? "" : first(params.max).trim() },
  };
}

/** A cursor of another sort (a link edited by hand) starts from the first page. */
function pageStart(sort: CatalogSort, after?: string, before?: string): CatalogPageStart | undefined {
  const [direction, text] = after ? (["after", after] as const) : before ? (["before", before] as const) : [];
  const cursor = text ? decodeCursor(text) : null;
  return direction && cursor?.sort === sort ? { direction, cursor } : undefined;
}

/** The query string of a catalog link: the current filters with some changed; a new filter starts from the first page. */
export function catalogSearch(state: CatalogState, change: { kind?: ItemKind | null; start?: CatalogPageStart }): string {
  const { query, typed } = state;
  const kind = change.kind === null ? undefined : (change.kind ?? query.kind);
  const entries: [string, string | undefined][] = [
    ["q", typed.q || undefined],
    ["kind", kind],
    ["min", typed.min || undefined],
    ["max", typed.max || undefined],
    ["sort", query.sort === "newest" ? undefined : query.sort],
    [change.start?.direction ?? "", change.start ? encodeCursor(change.start.cursor) : undefined],
  ];
  const search = new URLSearchParams(entries.filter((entry): entry is [string, string] => Boolean(entry[0] && entry[1]))).toString();
  return search ? `?${search}` : "";
}
