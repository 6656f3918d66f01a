import { sessionAddress } from "./session-cookie";

/** The wallet that signed in to the library in this browser, or null. */
export function currentBuyer(): Promise<`0x${string}` | null> {
  return sessionAddress("library");
}
