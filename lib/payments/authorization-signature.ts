import type { PaymentRequirements } from "@x402/core/types";
import { authorizationTypes } from "@x402/evm";
import { verifyTypedData } from "viem";
import type { Eip3009Authorization } from "@/lib/x402/authorization";

/**
 * Whether the payer really signed this authorization for these requirements. Written here because
 * the facilitator's verify also insists the nonce is unused on-chain, and a buyer coming back with
 * an already settled payment must still prove it holds that payment's signature.
 */
export async function authorizationSignedByPayer(authorization: Eip3009Authorization, requirements: PaymentRequirements): Promise<boolean> {
  const extra = requirements.extra as { name?: string; version?: string } | undefined;
  if (!extra?.name || !extra.version) return false;
  return verifyTypedData({
    address: authorization.payer,
    domain: {
      name: extra.name,
      version: extra.version,
      chainId: Number(requirements.network.split(":")[1]),
      verifyingContract: requirements.asset as `0x${string}`,
    },
    types: authorizationTypes,
    primaryType: "TransferWithAuthorization",
    message: {
      from: authorization.payer,
      to: authorization.to,
      value: authorization.value,
      validAfter: authorization.validAfter,
      validBefore: authorization.validBefore,
      nonce: authorization.nonce,
    },
    signature: authorization.signature,
  }).catch(() => false);
}
