import { createHash } from "node:crypto";
import { type Hex, hexToBytes } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import type { JWSSigner } from "@x402/extensions/offer-receipt";
import { publicOrigin } from "@/lib/auth/public-origin";
import { getEnv } from "@/lib/env";

/**
 * The key that signs the store's offers and receipts: RECEIPT_SIGNING_KEY, a secp256k1 key used
 * for JWS ES256K (an Ethereum key; its address is published too). Null when unset (a real
 * network without a key): then 402s carry no offers and deliveries no receipts.
 */
export type PublicJwk = { kty: "EC"; crv: "secp256k1"; x: string; y: string };
export type ReceiptSigner = JWSSigner & { address: Hex; publicJwk: PublicJwk; did: string };

const FRAGMENT = "offer-receipt";

let cached: ReceiptSigner | null | undefined;

export function getReceiptSigner(): ReceiptSigner | null {
  if (cached !== undefined) return cached;
  const key = getEnv().RECEIPT_SIGNING_KEY;
  cached = key ? createSigner(key) : null;
  return cached;
}

/** did:web of the configured public origin: resolves to /.well-known/did.json, where the key is published. */
export function storeDid(): string {
  return `did:web:${encodeURIComponent(publicOrigin().host)}`;
}

function createSigner(privateKey: Hex): ReceiptSigner {
  // The account keeps the key; nothing else here holds it, and nothing prints it.
  const account = privateKeyToAccount(privateKey);
  const point = hexToBytes(account.publicKey); // 0x04 ‖ x ‖ y
  const did = storeDid();
  return {
    format: "jws",
    algorithm: "ES256K",
    kid: `${did}#${FRAGMENT}`,
    did,
    address: account.address,
    publicJwk: {
      kty: "EC",
      crv: "secp256k1",
      x: Buffer.from(point.slice(1, 33)).toString("base64url"),
      y: Buffer.from(point.slice(33, 65)).toString("base64url"),
    },
    // ES256K is ECDSA over SHA-256 of the signing input, r ‖ s. viem signs with RFC 6979 nonces:
    // equal input gives an equal signature, which is what lets /api/receipts/<tx> repeat the
    // receipt a delivery carried byte for byte.
    sign: async (input) => {
      const signature = await account.sign({ hash: `0x${createHash("sha256").update(input).digest("hex")}` });
      return Buffer.from(hexToBytes(signature).slice(0, 64)).toString("base64url");
    },
  };
}
