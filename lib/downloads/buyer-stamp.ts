import { getStampingPurchase } from "@/db/queries/purchases";
import { getEnv } from "@/lib/env";
import { type StampPlan, stampedItemIds } from "./stamped-files";
import type { Stamp } from "./stamp-pdf";

type Stampable = { id: string; stamped: boolean; bundle?: { id: string; stamped: boolean }[] };

/** The plan for a delivery of `item` paid by this settled payment; undefined when nothing in it is stamped. */
export function stampPlanFor(item: Stampable, stamp: Stamp): StampPlan | undefined {
  const itemIds = stampedItemIds(item);
  return itemIds.size === 0 ? undefined : { stamp, itemIds, maxBytes: getEnv().STAMP_MAX_BYTES };
}

export type OwnerStamp = { ok: true; plan?: StampPlan } | { ok: false };

/**
 * The plan for an owner's re-download of `item`: stamped with the purchase that made it theirs
 * (db/queries/purchases.ts getStampingPurchase), so every re-download is the same bytes. Not ok
 * when the item is stamped and no settled purchase names the wallet: never an unstamped copy.
 */
export async function ownerStampPlan(item: Stampable, buyer: string): Promise<OwnerStamp> {
  if (stampedItemIds(item).size === 0) return { ok: true };
  const purchase = await getStampingPurchase({ payer: buyer, itemId: item.id });
  if (!purchase) return { ok: false };
  return { ok: true, plan: stampPlanFor(item, { buyer: purchase.payer, transactionHash: purchase.transactionHash, settledAt: purchase.settledAt }) };
}
