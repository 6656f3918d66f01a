import { cookies } from "next/headers";
import { SESSION_COOKIE, readSessionValue } from "./session";

/** The wallet that signed in to the library in this browser, or null. */
export async function currentBuyer(): Promise<`0x${string}` | null> {
  return readSessionValue((await cookies()).get(SESSION_COOKIE)?.value);
}
