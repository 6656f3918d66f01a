import { getAddress } from "viem";
import { deleteExpiredSessions, deleteSession, findSessionAddress, insertSession } from "@/db/queries/sessions";
import { sessionSecret } from "./secret";
import { newSessionToken, sessionTokenHash } from "./session-token";

/**
 * Two sessions, each a cookie of its own: a buyer's library (Sign-In-With-X) and a creator's
 * studio (Sign-In with Ethereum). They live in the database so that signing out ends them: the
 * cookie holds a random id signed for its scope (lib/auth/session-token.ts), the table its
 * sha256, the wallet and the expiry. One cannot stand in for the other.
 */
export const SESSION_COOKIES = { library: "storefront_session", studio: "storefront_studio" } as const;
export type SessionScope = keyof typeof SESSION_COOKIES;

const SESSION_SECONDS = { library: 7 * 24 * 3600, studio: 12 * 3600 } satisfies Record<SessionScope, number>;

/** Opens a session for the wallet a person proved and returns its cookie value; sweeps expired ones. */
export async function openSession(scope: SessionScope, address: `0x${string}`, now = new Date()): Promise<string> {
  const token = newSessionToken(sessionSecret(), scope);
  await insertSession({ idHash: token.idHash, scope, address, expiresAt: new Date(now.getTime() + SESSION_SECONDS[scope] * 1000) });
  await deleteExpiredSessions({ now });
  return token.value;
}

/** The wallet of the session this cookie value holds, or null: forged, another scope, signed out or expired. */
export async function readSession(scope: SessionScope, cookie: string | undefined, now = new Date()): Promise<`0x${string}` | null> {
  const idHash = sessionTokenHash(sessionSecret(), scope, cookie);
  if (!idHash) return null;
  const address = await findSessionAddress({ idHash, scope, now });
  return address ? getAddress(address) : null;
}

/** Ends the session this cookie value holds, wherever the cookie may have been copied to. */
export async function closeSession(scope: SessionScope, cookie: string | undefined) {
  const idHash = sessionTokenHash(sessionSecret(), scope, cookie);
  if (idHash) await deleteSession({ idHash, scope });
}

export function sessionCookieOptions(scope: SessionScope, secure: boolean) {
  return { httpOnly: true, sameSite: "lax" as const, secure, path: "/", maxAge: SESSION_SECONDS[scope] };
}
