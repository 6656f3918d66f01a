import { createHmac, timingSafeEqual } from "node:crypto";
import { getAddress, isAddress } from "viem";
import { getEnv } from "@/lib/env";

export const SESSION_COOKIE = "storefront_session";
const SESSION_SECONDS = 7 * 24 * 3600;

function secret(): string {
  const value = getEnv().SESSION_SECRET;
  if (!value) throw new Error("SESSION_SECRET is not set (the start command sets one on the devnet)");
  return value;
}

function sign(value: string) {
  return createHmac("sha256", secret()).update(value).digest("base64url");
}

/** A signed `address.expiry.mac` value: the wallet a buyer proved with Sign-In-With-X. */
export function createSessionValue(address: `0x${string}`, now = Date.now()): string {
  const value = `${address}.${Math.floor(now / 1000) + SESSION_SECONDS}`;
  return `${value}.${sign(value)}`;
}

export function readSessionValue(cookie: string | undefined, now = Date.now()): `0x${string}` | null {
  const [address, expiry, mac] = cookie?.split(".") ?? [];
  if (!address || !expiry || !mac || !isAddress(address)) return null;
  const expected = Buffer.from(sign(`${address}.${expiry}`));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  if (Number(expiry) * 1000 < now) return null;
  return getAddress(address);
}

export function sessionCookieOptions(secure: boolean) {
  return { httpOnly: true, sameSite: "lax" as const, secure, path: "/", maxAge: SESSION_SECONDS };
}
