"use client";

import { formatBytes } from "@/lib/format/bytes";
import { USDC_NAME, networkName, receiptNumber, shortAddress } from "@/lib/receipts/names";
import type { Seller } from "./checkout-summary";
import type { LibraryFile } from "./owned-panel";
import { type DownloadedFile, saveFile } from "./save-download";

/** What GET /api/receipts/<transaction> answers, as far as this panel shows it. */
export type Receipt = { transaction: string; amount: { display: string }; network: string; payTo: string; settledAt: string | null };

const TAP_TARGET = "inline-flex min-h-11 items-center underline";

/** The purchase-success panel: what was bought from whom, the receipt's number, and where the files are. */
export function PurchaseReceipt(props: {
  receipt: Receipt;
  file: DownloadedFile;
  title: string;
  files: LibraryFile[];
  seller: Pick<Seller, "name">;
  explorerUrl: string | null;
}) {
  const { receipt } = props;
  return (
    <div className="flex flex-col gap-2 rounded-lg bg-green-50 p-3 text-sm text-green-950 wrap-anywhere" role="status" data-testid="purchase-receipt">
      <p className="text-base font-semibold">Paid {receipt.amount.display}. Your download has started.</p>
      <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-1">
        <dt className="text-green-900">Receipt</dt>
        <dd className="font-mono" data-testid="receipt-number">{receiptNumber(receipt.transaction)}</dd>
        <dt className="text-green-900">Item</dt>
        <dd>
          {props.title}, sold by {props.seller.name} ({shortAddress(receipt.payTo)}) on x402 Storefront
        </dd>
        <dt className="text-green-900">Files</dt>
        <dd>
          <ul>
            {props.files.map((file) => (
              <li key={file.id}>
                {file.fileName} <span className="tabular-nums">({formatBytes(file.sizeBytes)})</span>
              </li>
            ))}
          </ul>
        </dd>
        <dt className="text-green-900">Paid with</dt>
        <dd>
          {USDC_NAME} on {networkName(receipt.network)}
          {receipt.settledAt && <>, {new Date(receipt.settledAt).toLocaleString()}</>}
        </dd>
        <dt className="text-green-900">Transaction</dt>
        <dd className="text-xs">
          {props.explorerUrl ? (
            <a href={`${props.explorerUrl}/tx/${receipt.transaction}`} className="font-mono underline" target="_blank" rel="noreferrer">
              {receipt.transaction.slice(0, 10)}…
            </a>
          ) : (
            <span className="font-mono" data-testid="receipt-transaction">{receipt.transaction}</span>
          )}
        </dd>
      </dl>
      <p className="flex flex-wrap gap-x-4">
        <button type="button" className={TAP_TARGET} onClick={() => saveFile(props.file)}>
          Save {props.file.fileName} again
        </button>
        <a href={`/receipts/${receipt.transaction}`} className={TAP_TARGET}>
          Receipt
        </a>
        <a href="/library" className={TAP_TARGET}>
          My library
        </a>
      </p>
    </div>
  );
}
