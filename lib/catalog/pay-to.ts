import type { CatalogItem } from "@/db/queries/catalog";

/** Who a sale of the item pays: the item's own payout address, else its creator's. */
export function payToOf(item: CatalogItem): string {
  return item.payoutAddress ?? item.creator.payoutAddress;
}
