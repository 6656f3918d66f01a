// GET /api/catalog — every published item, with prices and download URLs, for agents
import { getPublishedItemsWithFiles } from "@/db/queries/catalog";
import { toCatalogEntry } from "@/lib/catalog/catalog-entry";
import { getChainConfig } from "@/lib/chain/config";
import { requestOrigin } from "@/lib/http/request-origin";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const origin = requestOrigin(request.headers);
  const chain = getChainConfig();
  const items = await getPublishedItemsWithFiles();
  return Response.json(
    { network: chain.network, asset: chain.usdc, items: items.map((item) => toCatalogEntry(item, origin, chain)) },
    { headers: { "access-control-allow-origin": "*", "cache-control": "no-store" } },
  );
}
