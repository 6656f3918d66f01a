import type { ResourceInfo } from "@x402/core/types";
import type { CatalogItemWithFiles } from "@/db/queries/catalog";
import { downloadPath } from "@/lib/catalog/paths";
import { paidFilesOf } from "@/lib/downloads/deliver-item";

/** What a payment for an item buys, as x402's `resource`: its download URL, whichever door (HTTP or MCP) it is paid through. */
export function downloadResource(item: CatalogItemWithFiles, origin: string): ResourceInfo {
  const files = paidFilesOf(item);
  return {
    url: `${origin}${downloadPath(item.slug)}`,
    description: item.title,
    mimeType: files.length === 1 ? files[0].mimeType : "application/zip",
  };
}
