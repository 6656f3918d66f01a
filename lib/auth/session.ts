import { createHmac, timingSafeEqual } from "node:crypto";
import { getAddress, isAddress } from "viem";
import { getEnv } from "@/lib/env";

/**
 * Two sessions, each a cookie of its own: a buyer's library (Sign-In-With-X) and a creator's
 * studio (Sign-In with Ethereum). The scope is part of the signed value, so one cannot stand in
 * for the other.
 */
export const SESSION_COOKIES = { library: "storefront_session", studio: "storefront_studio" } as const;
export type SessionScope = keyof typeof SESSION_COOKIES;

const SESSION_SECONDS = { library: 7 * 24 * 3600, studio: 12 * 3600 } satisfies Record<SessionScope, number>;

function secret(): string {
  const value = getEnv().SESSION_SECRET;
  if (!value) throw new Error("SESSION_SECRET is not set (the start command sets one on the devnet)");
  return value;
}

function sign(scope: SessionScope, value: string) {
  return createHmac("sha256", secret()).update(`${scope}:${value}`).digest("base64url");
}

/** A signed `address.expiry.mac` value: the wallet a person proved by signing in. */
export function createSessionValue(scope: SessionScope, address: `0x${string}`, now = Date.now()): string {
  const value = `${address}.${Math.floor(now / 1000) + SESSION_SECONDS[scope]}`;
  return `${value}.${sign(scope, value)}`;
}

export function readSessionValue(scope: SessionScope, cookie: string | undefined, now = Date.now()): `0x${string}` | null {
  const [address, expiry, mac] = cookie?.split(".") ?? [];
  if (!address || !expiry || !mac || !isAddress(address)) return null;
  const expected = Buffer.from(sign(scope, `${address}.${expiry}`));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  if (Number(expiry) * 1000 < now) return null;
  return getAddress(address);
}

export function sessionCookieOptions(scope: SessionScope, secure: boolean) {
  return { httpOnly: true, sameSite: "lax" as const, secure, path: "/", maxAge: SESSION_SECONDS[scope] };
}
