// GET /api/catalog[?limit=&cursor=] — published items, with prices and download URLs, for agents; `next` pages on
import { catalogJson } from "@/lib/catalog/catalog-json";
import { requestOrigin } from "@/lib/http/request-origin";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return catalogJson(request, requestOrigin(request.headers));
}
