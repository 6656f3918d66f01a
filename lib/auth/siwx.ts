import {
  type CompleteSIWxInfo,
  SIGN_IN_WITH_X,
  type SIWxExtension,
  type SIWxPayload,
  buildSIWxSchema,
  parseSIWxHeader,
  validateSIWxMessage,
  verifySIWxSignature,
} from "@x402/extensions/sign-in-with-x";
import { getAddress, isAddress } from "viem";
import { spendSiwxNonce } from "@/db/queries/sign-in";
import { getChainConfig } from "@/lib/chain/config";
import { publicOrigin } from "./public-origin";
import { sessionSecret } from "./secret";
import { checkSiwxNonce, issueSiwxNonce } from "./siwx-nonce";

export { SIGN_IN_WITH_X };

/** How long a Sign-In-With-X challenge stays signable. */
export const SIWX_CHALLENGE_SECONDS = 300;

/**
 * The URL a proof for `path` must name (a download URL, or the library). On the public origin,
 * like the proof's domain: never taken from request headers, so a proof signed for another site
 * cannot be replayed here.
 */
export function siwxResourceUrl(path: string): string {
  return new URL(path, publicOrigin()).toString();
}

/** What a library sign-in proof names. */
export const librarySiwxResource = () => siwxResourceUrl("/library");

/** A fresh challenge for `resourceUrl` on this store's chain, with a nonce only this store can issue. */
export function createSiwxChallenge(options: { resourceUrl: string; statement: string; now?: Date }): CompleteSIWxInfo {
  const now = options.now ?? new Date();
  const chainId = getChainConfig().network;
  const expiresAt = new Date((Math.floor(now.getTime() / 1000) + SIWX_CHALLENGE_SECONDS) * 1000);
  return {
    domain: publicOrigin().host,
    uri: options.resourceUrl,
    statement: options.statement,
    version: "1",
    nonce: issueSiwxNonce({ secret: sessionSecret(), resourceUri: options.resourceUrl, chainId, expiresAt }),
    issuedAt: now.toISOString(),
    expirationTime: expiresAt.toISOString(),
    resources: [options.resourceUrl],
    chainId,
    type: "eip191",
  };
}

/**
 * The `sign-in-with-x` entry of a 402's extensions, complete: the official resource-server
 * extension would fill in a random nonce of its own, which this store could not recognise
 * without storing it, and an unpaid 402 writes nothing.
 */
export function siwxDeclarationFor(resourceUrl: string, statement: string): { [SIGN_IN_WITH_X]: SIWxExtension } {
  const { chainId, type, ...info } = createSiwxChallenge({ resourceUrl, statement });
  return { [SIGN_IN_WITH_X]: { info, supportedChains: [{ chainId, type }], schema: buildSIWxSchema() } };
}

export type SiwxProof = { ok: true; address: `0x${string}` } | { ok: false; reason: string };

/**
 * Checks a `SIGN-IN-WITH-X` header for `resourceUrl`: this store's chain, the resource, the
 * extension's message checks (domain, age, expiry), a nonce this store issued for exactly this
 * resource and chain and not expired, all before the signature; then spends the nonce so that
 * the proof works once. Returns the proven wallet, or a reason code.
 */
export async function verifySiwxProof(header: string, { resourceUrl }: { resourceUrl: string }): Promise<SiwxProof> {
  let payload: SIWxPayload;
  try {
    payload = parseSIWxHeader(header.trim());
  } catch {
    return { ok: false, reason: "invalid_siwx_payload" };
  }
  const chainId = getChainConfig().network;
  // Other chains, Solana included, are refused here: the store knows buyers by EVM address.
  if (payload.chainId !== chainId) return { ok: false, reason: "invalid_siwx_chain_mismatch" };
  if (payload.uri !== resourceUrl || (payload.resources && !payload.resources.includes(resourceUrl))) {
    return { ok: false, reason: "invalid_siwx_resource_mismatch" };
  }
  const validation = await validateSIWxMessage(payload, publicOrigin());
  if (!validation.isValid) return { ok: false, reason: validation.invalidReason ?? "invalid_siwx_payload" };
  const nonce = checkSiwxNonce({ secret: sessionSecret(), nonce: payload.nonce, resourceUri: resourceUrl, chainId });
  if (!nonce.ok) return { ok: false, reason: nonce.reason };
  const verification = await verifySIWxSignature(payload).catch(() => null);
  if (!verification?.isValid || !isAddress(verification.payer)) return { ok: false, reason: "invalid_siwx_signature" };
  const address = getAddress(verification.payer);
  // Spent before its expiry, a nonce expires at most one lifetime later; twice that allows for clock skew.
  const spent = await spendSiwxNonce({ nonce: payload.nonce, address, forgetAfterSeconds: 2 * SIWX_CHALLENGE_SECONDS });
  if (!spent) return { ok: false, reason: "invalid_siwx_nonce_reused" };
  return { ok: true, address };
}
