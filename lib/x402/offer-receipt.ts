import {
  OFFER_RECEIPT,
  type SignedReceipt,
  createJWS,
  createJWSOfferReceiptIssuer,
  createOfferReceiptExtension,
  declareOfferReceiptExtension,
} from "@x402/extensions/offer-receipt";
import type { ResourceServerExtension } from "@x402/core/types";
import { getReceiptSigner } from "@/lib/receipts/signer";
import { reusingOffers } from "./offer-reuse";

export { OFFER_RECEIPT };

/**
 * The x402 `offer-receipt` extension for the resource server: it signs one offer per accepts[]
 * entry of every 402 that declares it. Null when no signing key is configured.
 */
export function offerReceiptExtension(): ResourceServerExtension | null {
  const signer = getReceiptSigner();
  return signer ? createOfferReceiptExtension(reusingOffers(createJWSOfferReceiptIssuer(signer.kid, signer))) : null;
}

/** What a 402 declares so that the registered extension signs its offers: nothing without a key. */
export function offerReceiptDeclaration(): Record<string, unknown> {
  return getReceiptSigner() ? declareOfferReceiptExtension() : {};
}

/** What one settled, delivered payment is: everything the signed receipt binds. */
export type ReceiptFacts = {
  resourceUrl: string;
  /** The item's slug. */
  item: string;
  payer: string;
  network: string;
  transaction: string;
  /** Atomic units of `asset`, paid to `payTo`. */
  amount: bigint;
  asset: string;
  payTo: string;
  /** sha256 (hex) of the bytes delivered: the file, or the ZIP of a course. */
  sha256: string;
  settledAt: Date;
};

/**
 * The signed receipt of a delivery: a JWS (ES256K) whose payload has the extension's receipt
 * fields (with the transaction, for verifiability) plus what the store sold: item, amount,
 * asset, payTo and the sha256 of the bytes. The extension's EIP-712 receipt has a fixed schema
 * with no room for those, hence JWS. Nothing in it depends on the moment of signing (issuedAt
 * is the settlement's time and the signature is deterministic), so the delivery and
 * GET /api/receipts/<tx> give identical receipts.
 */
export async function signReceipt(facts: ReceiptFacts): Promise<SignedReceipt | null> {
  const signer = getReceiptSigner();
  if (!signer) return null;
  const payload = {
    version: 1,
    network: facts.network,
    resourceUrl: facts.resourceUrl,
    payer: facts.payer,
    issuedAt: Math.floor(facts.settledAt.getTime() / 1000),
    transaction: facts.transaction,
    item: facts.item,
    amount: facts.amount.toString(),
    asset: facts.asset,
    payTo: facts.payTo,
    sha256: facts.sha256,
  };
  return { format: "jws", signature: await createJWS(payload, signer) };
}

/** The receipt where the extension puts it: in the settlement response's `extensions`. */
export function receiptExtensions(receipt: SignedReceipt | null): Record<string, unknown> | undefined {
  return receipt ? { [OFFER_RECEIPT]: { info: { receipt } } } : undefined;
}
