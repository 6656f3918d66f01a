import type { SignedReceipt } from "@x402/extensions/offer-receipt";
import { type Receipt, getReceiptByTransaction } from "@/db/queries/payments";
import { getPaidFilesOfItems } from "@/db/queries/purchases";
import type { ItemFile } from "@/db/schema";
import { downloadPath } from "@/lib/catalog/paths";
import { deliveredSha256 } from "@/lib/downloads/delivered-digest";
import { paidFilesOf } from "@/lib/downloads/deliver-item";
import { getStorage } from "@/lib/storage";
import { signReceipt } from "@/lib/x402/offer-receipt";
import { getReceiptSigner } from "./signer";

/**
 * The signed receipt of the settled payment with this transaction, for the files a delivery
 * streams (`files`), or later for the item's files now. Built only from the stored payment and
 * the files, so the delivery and GET /api/receipts/<tx> sign the same payload. Null when no key
 * is configured or the payment is not settled.
 */
export async function deliveryReceipt(options: {
  transactionHash: string;
  origin: string;
  files?: ItemFile[];
  /** The settled row as the delivering request recorded it a moment ago: then nothing is read. */
  payment?: Receipt;
}): Promise<SignedReceipt | null> {
  if (!getReceiptSigner()) return null;
  const payment = options.payment ?? (await getReceiptByTransaction({ transactionHash: options.transactionHash }));
  if (!payment?.settledAt) return null;
  if (options.files) return receiptOf(payment, paidFilesOf({ files: options.files }), options.origin);
  const files = (await getPaidFilesOfItems([{ id: payment.itemId, kind: payment.itemKind }])).get(payment.itemId) ?? [];
  // Files replaced, added or reordered since the sale: a receipt now would name bytes this buyer
  // was not sent. None rather than a wrong one. (A deleted lesson leaves no trace to see.)
  const settledAt = payment.settledAt;
  if (files.some((file) => file.updatedAt > settledAt)) return null;
  return receiptOf(payment, files, options.origin);
}

async function receiptOf(payment: Receipt, files: ItemFile[], origin: string): Promise<SignedReceipt | null> {
  if (!payment.transactionHash || !payment.settledAt || files.length === 0) return null;
  return signReceipt({
    resourceUrl: `${origin}${downloadPath(payment.itemSlug)}`,
    item: payment.itemSlug,
    payer: payment.payer,
    network: payment.network,
    transaction: payment.transactionHash,
    amount: payment.amountAtomic,
    asset: payment.asset,
    payTo: payment.payTo,
    // A stamped delivery's bytes are the buyer's own: their digest was recorded when delivered.
    sha256: payment.deliveredSha256 ?? (await deliveredSha256(getStorage(), files)),
    settledAt: payment.settledAt,
  });
}
