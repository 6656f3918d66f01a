import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "../database";
import { type Creator, creators } from "../schema";

export async function getCreatorByWallet({ wallet }: { wallet: string }): Promise<Creator | null> {
  return (await getDb().query.creators.findFirst({ where: eq(creators.walletAddress, wallet) })) ?? null;
}

/**
 * The creator profile of a wallet, created at its first sign-in: paid at the wallet itself and
 * named after it until the creator edits the profile.
 */
export async function getOrCreateCreator({ wallet }: { wallet: `0x${string}` }): Promise<Creator> {
  const existing = await getCreatorByWallet({ wallet });
  if (existing) return existing;
  const hex = wallet.slice(2).toLowerCase();
  // A short handle reads better; a vanity address could take a victim's short one, so fall back to the whole address.
  for (const handle of [`creator-${hex.slice(0, 10)}`, `creator-${hex}`]) {
    const [created] = await getDb()
      .insert(creators)
      .values({ walletAddress: wallet, payoutAddress: wallet, displayName: `Creator ${wallet.slice(0, 6)}…${wallet.slice(-4)}`, handle })
      .onConflictDoNothing()
      .returning();
    if (created) return created;
    // A concurrent first sign-in of the same wallet may have inserted it first.
    const raced = await getCreatorByWallet({ wallet });
    if (raced) return raced;
  }
  throw new Error(`no free handle for ${wallet}`);
}

export async function updateCreatorProfile(
  creatorId: string,
  profile: Pick<Creator, "displayName" | "payoutAddress" | "bio"> & Partial<Pick<Creator, "showSalesCount">>,
): Promise<Creator> {
  const [updated] = await getDb().update(creators).set(profile).where(eq(creators.id, creatorId)).returning();
  return updated;
}

/**
 * Points the creator at a newly stored avatar and returns the key it replaced (to delete), or null.
 * The row is locked while swapping, so that of two uploads racing, each replaced key is returned once.
 */
export async function setCreatorAvatar(creatorId: string, avatar: { key: string; type: string }): Promise<{ replacedKey: string | null } | null> {
  return getDb().transaction(async (tx) => {
    const [current] = await tx.select({ key: creators.avatarKey }).from(creators).where(eq(creators.id, creatorId)).for("update");
    if (!current) return null;
    await tx.update(creators).set({ avatarKey: avatar.key, avatarType: avatar.type }).where(eq(creators.id, creatorId));
    return { replacedKey: current.key };
  });
}
