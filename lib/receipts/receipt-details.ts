import { type Receipt, getReceiptByTransaction } from "@/db/queries/payments";
import { getSellerOfItem } from "@/db/queries/receipts";
import { getPaidFilesOfItems } from "@/db/queries/purchases";
import { getRefundsOfPayment } from "@/db/queries/sales";
import type { ItemFile, Refund } from "@/db/schema";
import { getChainConfig } from "@/lib/chain/config";
import { USDC_NAME, networkName, receiptNumber } from "./names";

export type ReceiptDetails = {
  payment: Receipt;
  number: string;
  seller: { name: string; handle: string } | null;
  /** The item's paid files as they are now (what the library delivers). */
  files: ItemFile[];
  networkName: string;
  /** The token by name when it is the store's USDC; null for anything else (shown by address only). */
  tokenName: string | null;
  explorerUrl: string | null;
  refunds: Refund[];
};

/** Everything the printable receipt shows, for a settled payment's transaction hash; null when there is none. */
export async function getReceiptDetails({ transactionHash }: { transactionHash: string }): Promise<ReceiptDetails | null> {
  if (!/^0x[0-9a-fA-F]{64}$/.test(transactionHash)) return null;
  const payment = await getReceiptByTransaction({ transactionHash });
  if (!payment) return null;
  const chain = getChainConfig();
  const [seller, files, refunds] = await Promise.all([
    getSellerOfItem({ itemId: payment.itemId }),
    getPaidFilesOfItems([{ id: payment.itemId, kind: payment.itemKind }]),
    getRefundsOfPayment({ paymentId: payment.id }),
  ]);
  return {
    payment,
    number: receiptNumber(payment.transactionHash ?? transactionHash),
    seller,
    files: files.get(payment.itemId) ?? [],
    networkName: networkName(payment.network),
    tokenName: payment.asset.toLowerCase() === chain.usdc.toLowerCase() ? USDC_NAME : null,
    explorerUrl: chain.explorerUrl ?? null,
    refunds,
  };
}
