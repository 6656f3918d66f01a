import { type Hex, type Log, getAddress, isAddressEqual, parseAbi, parseEventLogs } from "viem";
import { getChainConfig } from "@/lib/chain/config";
import { getPublicClient } from "@/lib/chain/public-client";

const TRANSFER_EVENT = parseAbi(["event Transfer(address indexed from, address indexed to, uint256 value)"]);

export type RefundRefusal =
  | "refund_transaction_not_found"
  | "refund_transaction_failed"
  | "sale_transfer_not_found"
  | "refund_transfer_mismatch"
  | "refund_sender_mismatch"
  | "refund_before_sale";

export type RefundCheck = { ok: true } | { ok: false; error: RefundRefusal; message: string };

/** The sale as the store recorded it: who paid whom, how much, in which transaction. */
export type SaleTransfer = { transactionHash: string | null; payer: string; payTo: string; amountAtomic: bigint };

type ChainPosition = Pick<Log<bigint, number, false>, "blockNumber" | "logIndex">;

const minedAfter = (log: ChainPosition, sale: ChainPosition) =>
  log.blockNumber > sale.blockNumber || (log.blockNumber === sale.blockNumber && log.logIndex > sale.logIndex);

async function usdcTransfers(transactionHash: Hex) {
  const receipt = await getPublicClient().getTransactionReceipt({ hash: transactionHash });
  const usdc = getChainConfig().usdc;
  const transfers = parseEventLogs({ abi: TRANSFER_EVENT, logs: receipt.logs, eventName: "Transfer" }).filter((log) => isAddressEqual(log.address, usdc));
  return { status: receipt.status, transfers };
}

/** Where the sale's own payment sits on the chain: the USDC transfer from the payer to its payTo. */
async function findSaleTransfer(sale: SaleTransfer) {
  if (!sale.transactionHash) return undefined;
  const { transfers } = await usdcTransfers(sale.transactionHash as Hex).catch(() => ({ transfers: [] }));
  return transfers.find(
    (log) => isAddressEqual(log.args.from, getAddress(sale.payer)) && isAddressEqual(log.args.to, getAddress(sale.payTo)) && log.args.value === sale.amountAtomic,
  );
}

/**
 * Confirms on-chain that a refund the creator says they sent is money given back for this sale: a
 * successful USDC transfer of exactly `amountAtomic` to the buyer, from the address the sale paid
 * (its payTo) or the creator's signed-in wallet, mined after the sale. Never from today's payout
 * address as such: a creator could point it at anyone and book that person's transfers; and
 * never a transfer from before the sale, which cannot be giving the payment back.
 */
export async function verifyRefundTransfer(input: {
  refundTransaction: Hex;
  sale: SaleTransfer;
  amountAtomic: bigint;
  creatorWallet: string;
}): Promise<RefundCheck> {
  const { sale } = input;
  let refund;
  try {
    refund = await usdcTransfers(input.refundTransaction);
  } catch {
    return { ok: false, error: "refund_transaction_not_found", message: "No mined transaction has this hash on this network (yet)." };
  }
  if (refund.status !== "success") {
    return { ok: false, error: "refund_transaction_failed", message: "That transaction reverted: no USDC moved." };
  }
  const saleTransfer = await findSaleTransfer(sale);
  if (!saleTransfer) {
    return { ok: false, error: "sale_transfer_not_found", message: "The sale's own transfer cannot be read on this network, so no refund can be placed after it." };
  }

  const toBuyer = refund.transfers.filter((log) => isAddressEqual(log.args.to, getAddress(sale.payer)) && log.args.value === input.amountAtomic);
  if (toBuyer.length === 0) {
    return { ok: false, error: "refund_transfer_mismatch", message: "That transaction has no USDC transfer of this amount to the buyer." };
  }
  const senders = [sale.payTo, input.creatorWallet].map((address) => getAddress(address));
  const fromCreator = toBuyer.filter((log) => senders.some((sender) => isAddressEqual(log.args.from, sender)));
  if (fromCreator.length === 0) {
    return {
      ok: false,
      error: "refund_sender_mismatch",
      message: "That transfer was not sent from the address this sale paid or from your signed-in wallet.",
    };
  }
  if (!fromCreator.some((log) => minedAfter(log, saleTransfer))) {
    return { ok: false, error: "refund_before_sale", message: "That transfer was mined before the sale: it cannot be a refund of it." };
  }
  return { ok: true };
}
