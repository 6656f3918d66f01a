import { cookies } from "next/headers";
import { publicOrigin } from "./public-origin";
import { SESSION_COOKIES, type SessionScope, closeSession, openSession, readSession, sessionCookieOptions } from "./session";

/** The wallet signed in to `scope` in this browser, or null. */
export async function sessionAddress(scope: SessionScope): Promise<`0x${string}` | null> {
  return readSession(scope, (await cookies()).get(SESSION_COOKIES[scope])?.value);
}

export async function startSession(scope: SessionScope, address: `0x${string}`) {
  const jar = await cookies();
  // Signing in again replaces this browser's previous session of the scope instead of leaving it usable.
  await closeSession(scope, jar.get(SESSION_COOKIES[scope])?.value);
  const secure = publicOrigin().protocol === "https:";
  jar.set(SESSION_COOKIES[scope], await openSession(scope, address), sessionCookieOptions(scope, secure));
}

/** Signs out: the session ends on the server, so a copy of the cookie is refused too. */
export async function endSession(scope: SessionScope) {
  const jar = await cookies();
  await closeSession(scope, jar.get(SESSION_COOKIES[scope])?.value);
  jar.delete(SESSION_COOKIES[scope]);
}
