import { getChainConfig } from "@/lib/chain/config";
import { CATALOG_API_MAX_LIMIT, catalogApiPage, readCatalogApiQuery } from "./catalog-api";
import { toCatalogEntry } from "./catalog-entry";
import { catalogSnapshot } from "./snapshot";

const HEADERS = { "access-control-allow-origin": "*", "cache-control": "no-store" };

const REFUSALS = {
  invalid_limit: `limit must be a whole number from 1 to ${CATALOG_API_MAX_LIMIT}.`,
  invalid_cursor: "cursor must be a `next` value this catalog returned.",
} as const;

/**
 * The /api/catalog answer from the process's catalog snapshot: `network`, `asset`, one page of
 * `items` and `next`, the cursor of the following page (null on the last). A catalog that fits
 * in one page is answered as before pagination existed, plus `next: null`.
 */
export async function catalogJson(url: URL, origin: string): Promise<Response> {
  const query = readCatalogApiQuery(url);
  if (!query.ok) return Response.json({ error: query.reason, message: REFUSALS[query.reason] }, { status: 400, headers: HEADERS });
  const chain = getChainConfig();
  const page = catalogApiPage(await catalogSnapshot(), query.query);
  return Response.json(
    { network: chain.network, asset: chain.usdc, items: page.items.map((item) => toCatalogEntry(item, origin, chain)), next: page.next },
    { headers: HEADERS },
  );
}
