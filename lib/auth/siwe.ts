import { randomBytes } from "node:crypto";
import { type Hex, getAddress, verifyMessage } from "viem";
import { createSiweMessage, parseSiweMessage, validateSiweMessage } from "viem/siwe";
import { consumeSignInNonce, saveSignInNonce } from "@/db/queries/sign-in";
import { getChainConfig } from "@/lib/chain/config";
import { publicOrigin } from "./public-origin";

/** How long a studio sign-in message stays signable. */
export const SIGN_IN_SECONDS = 300;

/**
 * An EIP-4361 message for `address` to sign into the studio, with a nonce the server issued
 * and will accept once, within five minutes.
 */
export async function createStudioSignInMessage(address: `0x${string}`, now = new Date()): Promise<string> {
  const origin = publicOrigin();
  const nonce = randomBytes(16).toString("hex");
  const expirationTime = new Date(now.getTime() + SIGN_IN_SECONDS * 1000);
  await saveSignInNonce({ nonce, address, expiresAt: expirationTime });
  return createSiweMessage({
    domain: origin.host,
    address,
    statement: "Sign in to the x402 Storefront creator studio. This costs nothing.",
    uri: new URL("/studio", origin).toString(),
    version: "1",
    chainId: getChainConfig().chainId,
    nonce,
    issuedAt: now,
    expirationTime,
  });
}

export type StudioSignIn = { ok: true; address: `0x${string}` } | { ok: false; error: string; message: string };

/**
 * Checks a signed studio sign-in message: our domain, scheme and chain, not expired, signed by
 * the address it names (EOA signatures), and its nonce still unused. Spends the nonce.
 */
export async function verifyStudioSignIn(input: { message: string; signature: Hex }): Promise<StudioSignIn> {
  const origin = publicOrigin();
  const fields = parseSiweMessage(input.message);
  const valid =
    fields.address !== undefined &&
    fields.nonce !== undefined &&
    fields.chainId === getChainConfig().chainId &&
    validateSiweMessage({ message: fields, domain: origin.host, scheme: fields.scheme ? origin.protocol.slice(0, -1) : undefined });
  if (!valid) return { ok: false, error: "invalid_message", message: "This sign-in message is not for this store, or it expired. Sign in again." };
  const address = getAddress(fields.address!);
  const signedByAddress = await verifyMessage({ address, message: input.message, signature: input.signature }).catch(() => false);
  if (!signedByAddress) return { ok: false, error: "invalid_signature", message: "The signature does not match the wallet in the message." };
  if (!(await consumeSignInNonce({ nonce: fields.nonce!, address }))) {
    return { ok: false, error: "nonce_used_or_expired", message: "This sign-in message was already used or has expired. Sign in again." };
  }
  return { ok: true, address };
}
