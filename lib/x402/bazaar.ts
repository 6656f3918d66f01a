import { BAZAAR, bazaarResourceServerExtension, declareDiscoveryExtension } from "@x402/extensions/bazaar";
import type { CatalogItemWithFiles } from "@/db/queries/catalog";
import { downloadPath } from "@/lib/catalog/paths";
import { DOWNLOAD_OUTPUT_SCHEMA, downloadOutputOf, downloadQuerySchema } from "@/lib/discovery/download-contract";

/**
 * The 402's `bazaar` extension: how to call the download (GET, its query parameters) and what it
 * returns (media type, size, sha256), so that catalogues (a facilitator's discovery list,
 * x402scan) can list the item and an agent can check the bytes it paid for.
 *
 * Without the list of a ZIP's entries: the official client echoes a 402's extensions in its
 * payment header, and a course's list would grow that header past what HTTP servers accept
 * (16 KiB in Node) — /api/catalog and /openapi.json list every entry's sha256.
 *
 * The extension's server hook fills in the HTTP method. @x402/core runs registered hooks only in
 * its HTTP middleware, which this store does not use (lib/x402/paid-download.ts calls
 * createPaymentRequiredResponse itself), so the hook is applied here instead of registered on
 * the resource server. The method is always GET: HEAD answers as an unpaid GET would.
 */
export function bazaarExtensionFor(item: CatalogItemWithFiles): Record<string, unknown> {
  let extension = declared.get(item);
  if (!extension) declared.set(item, (extension = declareFor(item)));
  return extension;
}

// Declared once per item row read: a snapshot item serves every 402 until the catalog changes.
// createPaymentRequiredResponse puts this object into the response as is and no hook of this
// store changes it: it is shared, never copied.
const declared = new WeakMap<CatalogItemWithFiles, Record<string, unknown>>();

function declareFor(item: CatalogItemWithFiles): Record<string, unknown> {
  const { mediaType, size, sha256, fileCount } = downloadOutputOf(item);
  const example = size === undefined ? { mediaType, fileCount } : { mediaType, size, sha256, fileCount };
  const { bazaar } = declareDiscoveryExtension({
    input: {},
    inputSchema: downloadQuerySchema(),
    output: { example, schema: DOWNLOAD_OUTPUT_SCHEMA },
  });
  const context = { method: "GET", adapter: { getPath: () => downloadPath(item.slug) } };
  return { [BAZAAR.key]: bazaarResourceServerExtension.enrichDeclaration?.(bazaar, context) ?? bazaar };
}
