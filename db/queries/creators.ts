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
  const [created] = await getDb()
    .insert(creators)
    .values({
      walletAddress: wallet,
      payoutAddress: wallet,
      displayName: `Creator ${wallet.slice(0, 6)}…${wallet.slice(-4)}`,
      handle: `creator-${wallet.slice(2, 12).toLowerCase()}`,
    })
    .onConflictDoNothing({ target: creators.walletAddress })
    .returning();
  // A concurrent first sign-in of the same wallet inserted it first.
  return created ?? (await getCreatorByWallet({ wallet }))!;
}

export async function updateCreatorProfile(
  creatorId: string,
  profile: Pick<Creator, "displayName" | "payoutAddress" | "bio">,
): Promise<Creator> {
  const [updated] = await getDb().update(creators).set(profile).where(eq(creators.id, creatorId)).returning();
  return updated;
}
