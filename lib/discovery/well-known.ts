import { downloadPath } from "@/lib/catalog/paths";
import { DOWNLOAD_OUTPUT_SCHEMA, downloadOutputOf, downloadQuerySchema } from "./download-contract";
import { type StoreFacts, paymentTermsOf } from "./store-facts";

/**
 * `/.well-known/x402`: the per-origin manifest of the two discovery drafts at once, their fields
 * being disjoint. x402scan's fan-out document (`version: 1`, `resources` as URLs, `instructions`)
 * and the x402 foundation's draft (`x402Version: 2`, `items` with `resource`, `type`, advisory
 * `accepts`, `input`, `output`). Payment terms here are advisory: the live 402 decides. No item
 * `requires` an extension: Sign-In-With-X is an alternative to paying, offered by the 402.
 */
export function wellKnownX402(facts: StoreFacts) {
  const { origin, items, chain } = facts;
  const urls = items.map((item) => `${origin}${downloadPath(item.slug)}`);
  return {
    version: 1,
    resources: urls,
    instructions: `Each resource is a paid file download: GET it, pay the 402 with an x402 client, GET again with the payment. Guide: ${origin}/llms.txt; API: ${origin}/openapi.json.`,
    x402Version: 2,
    lastUpdated: lastUpdated(facts),
    items: items.map((item, index) => {
      const output = downloadOutputOf(item);
      return {
        resource: { url: urls[index], description: item.title, mimeType: output.mediaType },
        type: "http",
        accepts: [paymentTermsOf(item, chain)],
        input: { method: "GET", queryParams: { type: "object", ...downloadQuerySchema() } },
        output: { mimeType: output.mediaType, example: output, schema: { type: "object", ...DOWNLOAD_OUTPUT_SCHEMA } },
      };
    }),
  };
}

/** Unix seconds of the latest change to anything listed (item, its files, its creator), or 0 for an empty catalog. */
function lastUpdated({ items }: StoreFacts): number {
  const times = items.flatMap((item) => [item.updatedAt, item.creator.updatedAt, ...item.files.map((file) => file.updatedAt)]);
  return Math.floor(Math.max(0, ...times.map((time) => time.getTime())) / 1000);
}
