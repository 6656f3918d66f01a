import {
  type CompleteSIWxInfo,
  SIGN_IN_WITH_X,
  parseSIWxHeader,
  validateSIWxMessage,
  verifySIWxSignature,
} from "@x402/extensions/sign-in-with-x";
import { getAddress } from "viem";
import { consumeSiwxNonce } from "@/db/queries/purchases";
import { publicOrigin } from "./public-origin";

export { SIGN_IN_WITH_X };

/** How long a Sign-In-With-X challenge stays signable. */
export const SIWX_CHALLENGE_SECONDS = 300;

export type SiwxProof = { ok: true; address: `0x${string}` } | { ok: false; reason: string };

/**
 * Checks a `SIGN-IN-WITH-X` header with the official extension's parser, message validation
 * (domain, URI, age, expiry) and signature verification, then spends its nonce so that the
 * proof works once. Returns the proven wallet, or the extension's reason code.
 */
export async function verifySiwxProof(header: string): Promise<SiwxProof> {
  let payload;
  try {
    payload = parseSIWxHeader(header.trim());
  } catch {
    return { ok: false, reason: "invalid_siwx_payload" };
  }
  const validation = await validateSIWxMessage(payload, publicOrigin());
  if (!validation.isValid) return { ok: false, reason: validation.invalidReason ?? "invalid_siwx_payload" };
  const verification = await verifySIWxSignature(payload);
  if (!verification.isValid) return { ok: false, reason: verification.invalidReason };
  const address = getAddress(verification.payer);
  if (!(await consumeSiwxNonce({ nonce: payload.nonce, address }))) return { ok: false, reason: "invalid_siwx_nonce_reused" };
  return { ok: true, address };
}

/** A fresh challenge for signing in to a page of the store (the library), in the extension's format. */
export function createSiwxChallenge(options: { network: string; path: string; statement: string }): CompleteSIWxInfo {
  const origin = publicOrigin();
  const uri = new URL(options.path, origin).toString();
  const now = Date.now();
  return {
    domain: origin.host,
    uri,
    statement: options.statement,
    version: "1",
    nonce: crypto.randomUUID().replaceAll("-", ""),
    issuedAt: new Date(now).toISOString(),
    expirationTime: new Date(now + SIWX_CHALLENGE_SECONDS * 1000).toISOString(),
    resources: [uri],
    chainId: options.network,
    type: "eip191",
  };
}
