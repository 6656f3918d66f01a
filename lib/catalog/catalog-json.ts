import { getChainConfig } from "@/lib/chain/config";
import { codesMayApply } from "@/lib/pricing/catalog-pricing";
import { CATALOG_API_MAX_LIMIT, type CatalogApiQuery, catalogApiPage, readCatalogApiQuery } from "./catalog-api";
import { toCatalogEntry } from "./catalog-entry";
import { type CatalogSnapshot, catalogSnapshot } from "./snapshot";

const HEADERS = { "access-control-allow-origin": "*", "cache-control": "no-store" };

const REFUSALS = {
  invalid_limit: `limit must be a whole number from 1 to ${CATALOG_API_MAX_LIMIT}.`,
  invalid_cursor: "cursor must be a `next` value this catalog returned.",
} as const;

type Body = Buffer;

// A page's bytes depend only on the snapshot, the origin and the query: built once per snapshot,
// and dropped with it. The origin comes from request headers, so the number kept per snapshot is
// bounded. Gzip stays per request, in the custom server's compression: Next.js drops a route
// handler's own Content-Encoding, so bytes compressed here could not be sent as such.
const bodies = new WeakMap<CatalogSnapshot, Map<string, Body>>();
const MAX_BODIES_PER_SNAPSHOT = 64;

function buildBody(snapshot: CatalogSnapshot, query: CatalogApiQuery, origin: string): Body {
  const chain = getChainConfig();
  const page = catalogApiPage(snapshot, query);
  const now = new Date();
  const items = page.items.map((item) => toCatalogEntry(item, origin, chain, { mayApply: codesMayApply(snapshot.discountRules, item, now) }));
  const document = { network: chain.network, asset: chain.usdc, items, next: page.next };
  return Buffer.from(JSON.stringify(document), "utf8");
}

function bodyFor(snapshot: CatalogSnapshot, query: CatalogApiQuery, origin: string, key: string): Body {
  let kept = bodies.get(snapshot);
  if (!kept) bodies.set(snapshot, (kept = new Map()));
  let body = kept.get(key);
  if (!body) {
    body = buildBody(snapshot, query, origin);
    if (kept.size < MAX_BODIES_PER_SNAPSHOT) kept.set(key, body);
  }
  return body;
}

/**
 * The /api/catalog answer from the process's catalog snapshot: `network`, `asset`, one page of
 * `items` and `next`, the cursor of the following page (null on the last). A catalog that fits
 * in one page is answered as before pagination existed, plus `next: null`.
 */
export async function catalogJson(request: Request, origin: string): Promise<Response> {
  const url = new URL(request.url);
  const query = readCatalogApiQuery(url);
  if (!query.ok) return Response.json({ error: query.reason, message: REFUSALS[query.reason] }, { status: 400, headers: HEADERS });
  const key = `${origin} ${query.query.limit} ${url.searchParams.get("cursor") ?? ""}`;
  const body = bodyFor(await catalogSnapshot(), query.query, origin, key);
  return new Response(new Uint8Array(body), { headers: { ...HEADERS, "content-type": "application/json" } });
}
