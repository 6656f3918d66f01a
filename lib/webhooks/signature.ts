import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** A new endpoint secret: 32 random bytes, prefixed so a leaked one is recognisable in logs and scanners. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

/**
 * The `X-Storefront-Signature` header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`. The
 * timestamp is signed with the body so a receiver can refuse old replays of a captured request.
 */
export function signatureHeader({ secret, body, timestamp }: { secret: string; body: string; timestamp: number }): string {
  return `t=${timestamp},v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** What a receiver does (also used by the tests): true when `header` signs `body` under `secret`. */
export function verifySignatureHeader({ secret, body, header }: { secret: string; body: string; header: string }): boolean {
  const parts = new Map(header.split(",").map((part) => part.split("=", 2) as [string, string]));
  const timestamp = Number(parts.get("t"));
  const given = parts.get("v1") ?? "";
  if (!Number.isInteger(timestamp) || !/^[0-9a-f]{64}$/.test(given)) return false;
  const expected = signatureHeader({ secret, body, timestamp }).split("v1=")[1];
  return timingSafeEqual(Buffer.from(given, "hex"), Buffer.from(expected, "hex"));
}
