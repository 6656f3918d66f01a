import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Download links that `buy_item` hands out: `<expiry>.<transaction>.<tag>`, the tag an HMAC under
 * the session secret of the expiry, the purchase's settlement transaction and the item's slug. The
 * transaction is public on-chain, so without the tag a link would be derivable by anyone who
 * watches the token contract; with it, only the store can issue one. Nothing is stored: a link
 * lives until it expires, and every use counts against the purchase's re-download allowance.
 */
export const DOWNLOAD_LINK_TTL_SECONDS = 5 * 60;

const TOKEN = /^(\d{1,12})\.(0x[0-9a-f]{64})\.([0-9a-f]{64})$/;

export type LinkSubject = { transactionHash: string; slug: string };

function tag(secret: string, expiry: string, subject: LinkSubject): string {
  return createHmac("sha256", secret).update(`download-link\n${expiry}\n${subject.transactionHash.toLowerCase()}\n${subject.slug}`).digest("hex");
}

export function issueDownloadToken(options: LinkSubject & { secret: string; expiresAt: Date }): string {
  const expiry = String(Math.floor(options.expiresAt.getTime() / 1000));
  return `${expiry}.${options.transactionHash.toLowerCase()}.${tag(options.secret, expiry, options)}`;
}

/** The transaction a token names, before its tag is checked (the tag covers the item the URL names). */
export function tokenTransaction(token: string): string | null {
  return TOKEN.exec(token)?.[2] ?? null;
}

export type TokenCheck = { ok: true } | { ok: false; reason: "download_link_invalid" | "download_link_expired" };

/** Whether the store issued `token` for this purchase and item, and it has not expired yet. */
export function checkDownloadToken(options: LinkSubject & { secret: string; token: string; now?: Date }): TokenCheck {
  const match = TOKEN.exec(options.token);
  if (!match) return { ok: false, reason: "download_link_invalid" };
  const [, expiry, transactionHash, given] = match;
  if (transactionHash !== options.transactionHash.toLowerCase()) return { ok: false, reason: "download_link_invalid" };
  const expected = tag(options.secret, expiry, options);
  if (!timingSafeEqual(Buffer.from(expected), Buffer.from(given))) return { ok: false, reason: "download_link_invalid" };
  if (Number(expiry) * 1000 <= (options.now ?? new Date()).getTime()) return { ok: false, reason: "download_link_expired" };
  return { ok: true };
}

/** The store-relative URL of a download link. */
export const downloadLinkPath = (slug: string, token: string) => `/api/download-link/${encodeURIComponent(slug)}?token=${token}`;
