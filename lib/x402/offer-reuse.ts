import type { OfferInput, OfferReceiptIssuer, SignedOffer } from "@x402/extensions/offer-receipt";

/**
 * How long one signed offer answers the 402s for the same resource URL and terms. The offer is
 * valid for the requirement's maxTimeoutSeconds (300 s) from its signing, so a reused one still
 * has more than 289 s left; signing (secp256k1) was the largest cost of an unpaid 402 after the
 * database reads. A change of price or payTo is a different input and gets a new signature.
 */
export const OFFER_REUSE_MS = 10_000;
const MAX_KEPT = 1_000;

/** The official issuer, with each signed offer kept for OFFER_REUSE_MS per (resource URL, terms). */
export function reusingOffers(issuer: OfferReceiptIssuer): OfferReceiptIssuer {
  const kept = new Map<string, { offer: Promise<SignedOffer>; until: number }>();
  return {
    kid: issuer.kid,
    format: issuer.format,
    issueReceipt: (...args) => issuer.issueReceipt(...args),
    issueOffer(resourceUrl: string, input: OfferInput) {
      const now = Date.now();
      const key = JSON.stringify([resourceUrl, input]);
      const known = kept.get(key);
      if (known && known.until > now) return known.offer;
      if (kept.size >= MAX_KEPT) for (const [stale, entry] of kept) if (entry.until <= now) kept.delete(stale);
      if (kept.size >= MAX_KEPT) kept.clear();
      const offer = issuer.issueOffer(resourceUrl, input);
      kept.set(key, { offer, until: now + OFFER_REUSE_MS });
      offer.catch(() => kept.delete(key));
      return offer;
    },
  };
}
