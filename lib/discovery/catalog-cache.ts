import type { CatalogItemWithFiles } from "@/db/queries/catalog";
import { catalogSnapshot } from "@/lib/catalog/snapshot";

// The studio's routes announce their changes here; the snapshot is where they take effect.
export { catalogChanged } from "@/lib/catalog/snapshot";

/**
 * Published items with their files, as the discovery documents describe them: the process's
 * catalog snapshot (lib/catalog/snapshot.ts), current within a second of any change.
 */
export async function cachedPublishedCatalog(): Promise<CatalogItemWithFiles[]> {
  return (await catalogSnapshot()).items;
}
