// GET /.well-known/did.json — the key that signs this store's offers and receipts (did:web)
import { getReceiptSigner } from "@/lib/receipts/signer";
import { getChainConfig } from "@/lib/chain/config";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * The DID document that `did:web:<host>` resolves to: the offer-receipt signing key as a JWK
 * (what the extension's JWS verifier uses) and as the Ethereum address it controls.
 */
export function GET() {
  const signer = getReceiptSigner();
  if (!signer) return Response.json({ error: "not_found", message: "This store signs no offers or receipts." }, { status: 404 });
  const method = {
    id: signer.kid,
    type: "JsonWebKey2020",
    controller: signer.did,
    publicKeyJwk: signer.publicJwk,
    blockchainAccountId: `eip155:${getChainConfig().chainId}:${signer.address}`,
  };
  return Response.json(
    {
      "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/jws-2020/v1"],
      id: signer.did,
      verificationMethod: [method],
      assertionMethod: [signer.kid],
    },
    { headers: { "access-control-allow-origin": "*", "cache-control": "public, max-age=300" } },
  );
}
