import "server-only";
import { and, eq, gt, isNull } from "drizzle-orm";
import { getDb } from "../database";
import { signInNonces } from "../schema";

export async function saveSignInNonce({ nonce, address, expiresAt }: { nonce: string; address: string; expiresAt: Date }) {
  await getDb().insert(signInNonces).values({ nonce, address, expiresAt });
}

/**
 * Spends a sign-in nonce issued to `address` that has not expired: true exactly once, even when
 * two requests race with the same signed message.
 */
export async function consumeSignInNonce({ nonce, address }: { nonce: string; address: string }): Promise<boolean> {
  const used = await getDb()
    .update(signInNonces)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(signInNonces.nonce, nonce),
        eq(signInNonces.address, address),
        isNull(signInNonces.usedAt),
        gt(signInNonces.expiresAt, new Date()),
      ),
    )
    .returning({ nonce: signInNonces.nonce });
  return used.length === 1;
}
