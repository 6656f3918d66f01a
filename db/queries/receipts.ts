import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "../database";
import { creators, items } from "../schema";

/** Who sold an item, as a receipt names them: the creator's display name and public handle. */
export async function getSellerOfItem({ itemId }: { itemId: string }): Promise<{ name: string; handle: string } | null> {
  const [row] = await getDb()
    .select({ name: creators.displayName, handle: creators.handle })
    .from(items)
    .innerJoin(creators, eq(items.creatorId, creators.id))
    .where(eq(items.id, itemId))
    .limit(1);
  return row ?? null;
}
