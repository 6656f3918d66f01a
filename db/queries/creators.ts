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
  profile: Pick<Creator, "displayName" | "payoutAddress" | "bio">,
): Promise<Creator> {
  const [updated] = await getDb().update(creators).set(profile).where(eq(creators.id, creatorId)).returning();
  return updated;
}
