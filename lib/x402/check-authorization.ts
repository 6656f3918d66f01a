import type { PaymentRequirements } from "@x402/core/types";
import { type PublicClient, isAddressEqual, size } from "viem";
import { authorizationSignedByPayer } from "@/lib/payments/authorization-signature";
import type { Eip3009Authorization } from "./authorization";

/** The facilitator refuses authorizations that expire within this many seconds: too little time to settle. */
const MIN_SECONDS_LEFT = 6n;

export type AuthorizationCheck =
  | { ok: true; signatureChecked: boolean }
  | { ok: false; reason: string };

/**
 * The exact scheme's verify checks that need no chain, in the facilitator's own order, so that
 * forged and mistaken payments are refused before any RPC call (the facilitator's verify costs
 * three to five). A plain-wallet signature is recovered locally; only a 65-byte signature that is
 * not the payer's costs one `eth_getCode`, because a smart-contract wallet (ERC-1271) may have made
 * it; longer signatures (ERC-6492, contract wallets) are left to the facilitator.
 */
export async function checkAuthorizationLocally(
  authorization: Eip3009Authorization,
  requirements: PaymentRequirements,
  publicClient: PublicClient,
  now = BigInt(Math.floor(Date.now() / 1000)),
): Promise<AuthorizationCheck> {
  let signatureChecked = false;
  if (size(authorization.signature) === 65) {
    signatureChecked = await authorizationSignedByPayer(authorization, requirements);
    if (!signatureChecked && !(await hasCode(publicClient, authorization.payer))) return { ok: false, reason: "invalid_exact_evm_signature" };
  }
  if (!isAddressEqual(authorization.to, requirements.payTo as `0x${string}`)) return { ok: false, reason: "invalid_exact_evm_recipient_mismatch" };
  if (authorization.validBefore < now + MIN_SECONDS_LEFT) return { ok: false, reason: "invalid_exact_evm_payload_authorization_valid_before" };
  if (authorization.validAfter > now) return { ok: false, reason: "invalid_exact_evm_payload_authorization_valid_after" };
  if (authorization.value !== BigInt(requirements.amount)) return { ok: false, reason: "invalid_exact_evm_payload_authorization_value_mismatch" };
  return { ok: true, signatureChecked };
}

async function hasCode(client: PublicClient, address: `0x${string}`): Promise<boolean> {
  const code = await client.getCode({ address });
  return Boolean(code && code !== "0x");
}
