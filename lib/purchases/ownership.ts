import { getPublishedItemBySlug } from "@/db/queries/catalog";
import { hasPurchased } from "@/db/queries/purchases";

export type Ownership = { ok: true; owned: boolean } | { ok: false; reason: "not_found" };

/**
 * Whether `wallet` bought the published item `slug`, so that the item page never offers a plain
 * *Buy* to someone who owns it. Answered to anyone who asks: a purchase is a public USDC transfer
 * from the payer to the item's payTo, and `/api/receipts/<tx>` names its item, so this reveals
 * nothing the chain and the receipts do not (see SECURITY.md). It grants nothing either: a
 * download still needs the library session or a Sign-In-With-X proof.
 */
export async function ownershipOf({ slug, wallet }: { slug: string; wallet: `0x${string}` }): Promise<Ownership> {
  const item = await getPublishedItemBySlug({ slug });
  if (!item) return { ok: false, reason: "not_found" };
  return { ok: true, owned: await hasPurchased({ payer: wallet, itemId: item.id }) };
}
