import { type Hex, getAddress, isAddressEqual, parseAbi, parseEventLogs } from "viem";
import { getChainConfig } from "@/lib/chain/config";
import { getPublicClient } from "@/lib/chain/public-client";

const TRANSFER_EVENT = parseAbi(["event Transfer(address indexed from, address indexed to, uint256 value)"]);

export type RefundCheck = { ok: true } | { ok: false; error: string; message: string };

/**
 * Confirms on-chain that a refund the creator says they sent exists: a successful transaction with
 * a USDC transfer of exactly `amountAtomic` to the buyer, from one of the creator's own addresses
 * (so nobody books someone else's transfer as their refund). Bookkeeping must match the money.
 */
export async function verifyRefundTransfer(input: {
  transactionHash: Hex;
  payer: string;
  amountAtomic: bigint;
  creatorAddresses: string[];
}): Promise<RefundCheck> {
  let receipt;
  try {
    receipt = await getPublicClient().getTransactionReceipt({ hash: input.transactionHash });
  } catch {
    return { ok: false, error: "refund_transaction_not_found", message: "No mined transaction has this hash on this network (yet)." };
  }
  if (receipt.status !== "success") {
    return { ok: false, error: "refund_transaction_failed", message: "That transaction reverted: no USDC moved." };
  }
  const usdc = getChainConfig().usdc;
  const transfer = parseEventLogs({ abi: TRANSFER_EVENT, logs: receipt.logs, eventName: "Transfer" }).find(
    (log) =>
      isAddressEqual(log.address, usdc) &&
      isAddressEqual(log.args.to, getAddress(input.payer)) &&
      input.creatorAddresses.some((address) => isAddressEqual(log.args.from, getAddress(address))) &&
      log.args.value === input.amountAtomic,
  );
  if (!transfer) {
    return {
      ok: false,
      error: "refund_transfer_mismatch",
      message: "That transaction has no USDC transfer of this amount to the buyer from your wallet or payout address.",
    };
  }
  return { ok: true };
}
