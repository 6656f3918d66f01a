import "server-only";
import { and, eq, gt, lte } from "drizzle-orm";
import { getDb } from "../database";
import { sessions } from "../schema";

export async function insertSession(session: { idHash: string; scope: string; address: string; expiresAt: Date }) {
  await getDb().insert(sessions).values(session);
}

/** The wallet of an unexpired session of `scope`, or null (unknown, signed out, expired or another scope). */
export async function findSessionAddress({ idHash, scope, now }: { idHash: string; scope: string; now: Date }): Promise<string | null> {
  const [row] = await getDb()
    .select({ address: sessions.address })
    .from(sessions)
    .where(and(eq(sessions.idHash, idHash), eq(sessions.scope, scope), gt(sessions.expiresAt, now)))
    .limit(1);
  return row?.address ?? null;
}

export async function deleteSession({ idHash, scope }: { idHash: string; scope: string }) {
  await getDb().delete(sessions).where(and(eq(sessions.idHash, idHash), eq(sessions.scope, scope)));
}

/** Removes sessions that can no longer be used (sessions_expires_idx keeps this cheap). */
export async function deleteExpiredSessions({ now }: { now: Date }) {
  await getDb().delete(sessions).where(lte(sessions.expiresAt, now));
}
