import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { getChainConfig } from "@/lib/chain/config";
import { setContentLength } from "@/lib/http/content-length";
import { CATALOG_API_MAX_LIMIT, type CatalogApiQuery, catalogApiPage, readCatalogApiQuery } from "./catalog-api";
import { toCatalogEntry } from "./catalog-entry";
import { type CatalogSnapshot, catalogSnapshot } from "./snapshot";

const gzipAsync = promisify(gzip);

const HEADERS = { "access-control-allow-origin": "*", "cache-control": "no-store" };

const REFUSALS = {
  invalid_limit: `limit must be a whole number from 1 to ${CATALOG_API_MAX_LIMIT}.`,
  invalid_cursor: "cursor must be a `next` value this catalog returned.",
} as const;

type Body = { json: Buffer; gzipped: Buffer };

// A page's bytes depend only on the snapshot, the origin and the query: built (and gzipped) once
// per snapshot, and dropped with it. The origin comes from request headers, so the number kept
// per snapshot is bounded.
const bodies = new WeakMap<CatalogSnapshot, Map<string, Promise<Body>>>();
const MAX_BODIES_PER_SNAPSHOT = 64;

async function buildBody(snapshot: CatalogSnapshot, query: CatalogApiQuery, origin: string): Promise<Body> {
  const chain = getChainConfig();
  const page = catalogApiPage(snapshot, query);
  const document = { network: chain.network, asset: chain.usdc, items: page.items.map((item) => toCatalogEntry(item, origin, chain)), next: page.next };
  const json = Buffer.from(JSON.stringify(document), "utf8");
  return { json, gzipped: await gzipAsync(json) };
}

function bodyFor(snapshot: CatalogSnapshot, query: CatalogApiQuery, origin: string, key: string): Promise<Body> {
  let kept = bodies.get(snapshot);
  if (!kept) bodies.set(snapshot, (kept = new Map()));
  let body = kept.get(key);
  if (!body) {
    body = buildBody(snapshot, query, origin);
    if (kept.size < MAX_BODIES_PER_SNAPSHOT) kept.set(key, body);
  }
  return body;
}

/** Whether Accept-Encoding allows gzip (listed, or `*`, without q=0). */
function acceptsGzip(acceptEncoding: string | null): boolean {
  return (acceptEncoding ?? "").split(",").some((entry) => {
    const [coding, ...parameters] = entry.trim().toLowerCase().split(";");
    const refused = parameters.some((parameter) => /^\s*q=0(\.0*)?\s*$/.test(parameter));
    return (coding === "gzip" || coding === "*") && !refused;
  });
}

/**
 * The /api/catalog answer from the process's catalog snapshot: `network`, `asset`, one page of
 * `items` and `next`, the cursor of the following page (null on the last). A catalog that fits
 * in one page is answered as before pagination existed, plus `next: null`. Sent gzipped when the
 * client accepts it, from bytes compressed once per snapshot rather than on every request.
 */
export async function catalogJson(request: Request, origin: string): Promise<Response> {
  const url = new URL(request.url);
  const query = readCatalogApiQuery(url);
  if (!query.ok) return Response.json({ error: query.reason, message: REFUSALS[query.reason] }, { status: 400, headers: HEADERS });
  const key = `${origin} ${query.query.limit} ${url.searchParams.get("cursor") ?? ""}`;
  const body = await bodyFor(await catalogSnapshot(), query.query, origin, key);
  const gzipped = acceptsGzip(request.headers.get("accept-encoding"));
  const bytes = gzipped ? body.gzipped : body.json;
  const headers = new Headers({ ...HEADERS, "content-type": "application/json", vary: "accept-encoding" });
  if (gzipped) headers.set("content-encoding", "gzip");
  setContentLength(headers, bytes.length);
  return new Response(new Uint8Array(bytes), { headers });
}
