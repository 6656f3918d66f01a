import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Sign-In-With-X nonces the store recognises without storing them: hex(expiry ‖ random) followed
 * by a truncated HMAC, under the session secret, of those and of the resource and chain the
 * challenge names. Every 402 carries a challenge, and an unpaid 402 must not write to the
 * database; only nonces spent by a proof are recorded. Hex keeps them alphanumeric (EIP-4361).
 */
const NONCE = /^([0-9a-f]{8})([0-9a-f]{32})([0-9a-f]{32})$/;

export type NonceBinding = { resourceUri: string; chainId: string };

function tag(secret: string, head: string, binding: NonceBinding): string {
  return createHmac("sha256", secret).update(`siwx-nonce\n${head}\n${binding.resourceUri}\n${binding.chainId}`).digest("hex").slice(0, 32);
}

export function issueSiwxNonce(options: NonceBinding & { secret: string; expiresAt: Date }): string {
  const expiry = Math.floor(options.expiresAt.getTime() / 1000).toString(16).padStart(8, "0");
  const head = expiry + randomBytes(16).toString("hex");
  return head + tag(options.secret, head, options);
}

export type NonceCheck = { ok: true; expiresAt: Date } | { ok: false; reason: "invalid_siwx_nonce_unknown" | "invalid_siwx_expired" };

/** Whether this store issued `nonce` for this resource and chain, and it has not expired yet. */
export function checkSiwxNonce(options: NonceBinding & { secret: string; nonce: string; now?: Date }): NonceCheck {
  const match = NONCE.exec(options.nonce);
  if (!match) return { ok: false, reason: "invalid_siwx_nonce_unknown" };
  const [, expiry, random, given] = match;
  const expected = tag(options.secret, expiry + random, options);
  if (!timingSafeEqual(Buffer.from(expected), Buffer.from(given))) return { ok: false, reason: "invalid_siwx_nonce_unknown" };
  const expiresAt = new Date(parseInt(expiry, 16) * 1000);
  if (expiresAt.getTime() <= (options.now ?? new Date()).getTime()) return { ok: false, reason: "invalid_siwx_expired" };
  return { ok: true, expiresAt };
}
