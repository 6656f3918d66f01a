import { getEnv } from "@/lib/env";

/** The key of session cookies and Sign-In-With-X nonces; the start command sets one on the devnet. */
export function sessionSecret(): string {
  const value = getEnv().SESSION_SECRET;
  if (!value) throw new Error("SESSION_SECRET is not set (the start command sets one on the devnet)");
  return value;
}
