import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * A session cookie's value, `id.mac`: a random id and its HMAC under the session secret for one
 * scope. The database keeps only sha256(id), so its rows cannot be replayed as cookies, and the
 * MAC turns forged or swapped cookies away before any query.
 */
export type SessionToken = { value: string; idHash: string };

const TOKEN = /^([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{43})$/;

function mac(secret: string, scope: string, id: string): string {
  return createHmac("sha256", secret).update(`session:${scope}:${id}`).digest("base64url");
}

function hashId(id: string): string {
  return createHash("sha256").update(id).digest("hex");
}

export function newSessionToken(secret: string, scope: string): SessionToken {
  const id = randomBytes(32).toString("base64url");
  return { value: `${id}.${mac(secret, scope, id)}`, idHash: hashId(id) };
}

/** The id hash of a cookie value signed for `scope`, or null for anything else. */
export function sessionTokenHash(secret: string, scope: string, value: string | undefined): string | null {
  const match = TOKEN.exec(value ?? "");
  if (!match) return null;
  const [, id, given] = match;
  // Both are 43 base64url characters (32 bytes), so the comparison is constant-time.
  if (!timingSafeEqual(Buffer.from(mac(secret, scope, id)), Buffer.from(given))) return null;
  return hashId(id);
}
