import type { ResourceInfo } from "@x402/core/types";
import type { CatalogItemWithFiles } from "@/db/queries/catalog";
import { downloadPath } from "@/lib/catalog/paths";
import { paidFilesOf } from "@/lib/downloads/deliver-item";

/**
 * What a payment for an item buys, as x402's `resource`: its download URL, whichever door (HTTP or
 * MCP) it is paid through, with the price query (`code`, `amount`) it was quoted for, so that a
 * client that pays the resource URL asks for the same price.
 */
export function downloadResource(item: CatalogItemWithFiles, origin: string, priceQuery?: URLSearchParams): ResourceInfo {
  const files = paidFilesOf(item);
  const query = priceQuery?.toString();
  return {
    url: `${origin}${downloadPath(item.slug)}${query ? `?${query}` : ""}`,
    description: item.title,
    mimeType: files.length === 1 ? files[0].mimeType : "application/zip",
  };
}
