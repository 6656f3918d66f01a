import "server-only";
import { and, eq, gt, isNull, lt, sql } from "drizzle-orm";
import { getDb } from "../database";
import { signInNonces, siwxNonces } from "../schema";

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

/**
 * Records a spent Sign-In-With-X nonce: true the first time, false for a replayed proof. Nonces
 * are issued without a row (lib/auth/siwx-nonce.ts) and expire soon after issue, so a spent one
 * can be forgotten `forgetAfterSeconds` after it was spent, when no proof carrying it could pass
 * any more; those rows are swept here, on the database's clock.
 */
export async function spendSiwxNonce(spend: { nonce: string; address: string; forgetAfterSeconds: number }): Promise<boolean> {
  const spent = await getDb()
    .insert(siwxNonces)
    .values({ nonce: spend.nonce, address: spend.address })
    .onConflictDoNothing()
    .returning({ nonce: siwxNonces.nonce });
  await getDb()
    .delete(siwxNonces)
    .where(lt(siwxNonces.createdAt, sql`now() - ${spend.forgetAfterSeconds} * interval '1 second'`));
  return spent.length === 1;
}
