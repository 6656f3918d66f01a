import { authorizationTypes } from "@x402/evm";
import type { Address, Hex } from "viem";
import type { PrivateKeyAccount } from "viem/accounts";
import { foundry } from "viem/chains";

export type TransferAuthorization = { from: Address; to: Address; value: bigint; validAfter: bigint; validBefore: bigint; nonce: Hex };

/** Signs an EIP-3009 TransferWithAuthorization for the devnet's test USDC, as a buyer's wallet would. */
export async function signDevnetAuthorization(signer: PrivateKeyAccount, usdc: Address, message: TransferAuthorization) {
  const signature = await signer.signTypedData({
    domain: { name: "USD Coin", version: "2", chainId: foundry.id, verifyingContract: usdc },
    types: authorizationTypes,
    primaryType: "TransferWithAuthorization",
    message,
  });
  return { message, signature };
}
