import { getChainConfig } from "@/lib/chain/config";
import { requestOrigin } from "@/lib/http/request-origin";
import { reasonMessage } from "@/lib/x402/reasons";
import { cachedPublishedCatalog } from "./catalog-cache";
import type { StoreFacts } from "./store-facts";

const HEADERS = {
  // Read by agents and crawlers on any origin.
  "access-control-allow-origin": "*",
  // As fresh as the in-memory copy behind it (lib/discovery/catalog-cache.ts).
  "cache-control": "public, max-age=10",
};

/**
 * Answers a discovery request with a document generated from the cached catalog, this request's
 * public origin and the chain; 503 when the database cannot be read.
 */
export async function serveDocument(request: Request, render: (facts: StoreFacts) => { body: string; contentType: string }): Promise<Response> {
  let facts: StoreFacts;
  try {
    facts = { items: await cachedPublishedCatalog(), origin: requestOrigin(request.headers), chain: getChainConfig() };
  } catch {
    return Response.json(
      { error: "store_unavailable", message: reasonMessage("store_unavailable") },
      { status: 503, headers: { "retry-after": "5", "cache-control": "no-store" } },
    );
  }
  const { body, contentType } = render(facts);
  return new Response(body, { headers: { ...HEADERS, "content-type": contentType } });
}

export const asJson = (document: unknown) => ({ body: JSON.stringify(document), contentType: "application/json" });
