import { cookies } from "next/headers";
import { publicOrigin } from "./public-origin";
import { SESSION_COOKIES, type SessionScope, createSessionValue, readSessionValue, sessionCookieOptions } from "./session";

/** The wallet signed in to `scope` in this browser, or null. */
export async function sessionAddress(scope: SessionScope): Promise<`0x${string}` | null> {
  return readSessionValue(scope, (await cookies()).get(SESSION_COOKIES[scope])?.value);
}

export async function startSession(scope: SessionScope, address: `0x${string}`) {
  const secure = publicOrigin().protocol === "https:";
  (await cookies()).set(SESSION_COOKIES[scope], createSessionValue(scope, address), sessionCookieOptions(scope, secure));
}

export async function endSession(scope: SessionScope) {
  (await cookies()).delete(SESSION_COOKIES[scope]);
}
