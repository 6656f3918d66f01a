import Image from "next/image";
import Link from "next/link";
import { KIND_LABELS } from "@/components/store/kind-label";
import { AudioPlayer } from "@/components/preview/audio-player";
import type { Purchase } from "@/db/queries/purchases";
import type { ItemFile, ItemKind } from "@/db/schema";
import { coverPath, itemPath } from "@/lib/catalog/paths";
import { formatBytes } from "@/lib/format/bytes";
import { displayUsdc } from "@/lib/money/usdc";
import { PdfOnRequest } from "./pdf-on-request";

const libraryFilePath = (file: ItemFile) => `/api/library/files/${file.id}`;
const LINK_CLASS = "text-brand underline decoration-1 hover:decoration-2";

function OwnedFile({ file }: { file: ItemFile }) {
  const src = libraryFilePath(file);
  return (
    <li className="flex flex-col gap-2 py-2 text-sm">
      <span className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1">
        <span className="flex min-w-0 flex-col">
          {file.title && <span className="font-medium wrap-anywhere">{file.title}</span>}
          <span className="font-mono wrap-anywhere">{file.fileName}</span>
        </span>
        <a href={src} download={file.fileName} className={`shrink-0 ${LINK_CLASS}`}>
          Download ({formatBytes(file.sizeBytes)})
        </a>
      </span>
      {/* preload="none": every fetch of a library file counts toward the re-download allowance. */}
      {file.mimeType.startsWith("audio/") && <AudioPlayer src={src} label={file.fileName} preload="none" />}
      {file.mimeType === "application/pdf" && <PdfOnRequest src={src} fileName={file.fileName} />}
    </li>
  );
}

export function PurchaseList({ purchases }: { purchases: Purchase[] }) {
  if (purchases.length === 0) {
    return (
      <p className="text-stone-600">
        No purchases for this wallet yet.{" "}
        <Link href="/" className={LINK_CLASS}>
          Browse the catalog
        </Link>
        .
      </p>
    );
  }
  return (
    <ul className="flex flex-col gap-4">
      {purchases.map((purchase) => (
        <li key={purchase.paymentId} className="rounded-xl border border-stone-200 bg-white p-4" data-testid="purchase">
          <div className="flex gap-4">
            <div className="size-20 shrink-0 overflow-hidden rounded-lg border border-stone-200 bg-stone-100">
              {purchase.hasCover ? (
                <Image src={coverPath(purchase.slug)} alt="" width={80} height={80} unoptimized data-testid="purchase-cover" />
              ) : (
                <span className="flex size-full items-center justify-center text-xs text-stone-600">{KIND_LABELS[purchase.kind as ItemKind]}</span>
              )}
            </div>
            <div className="flex min-w-0 flex-1 flex-col gap-1">
              <h2 className="text-lg font-semibold wrap-anywhere">
                <Link href={itemPath(purchase.slug)} className="underline decoration-stone-300 hover:decoration-current">
                  {purchase.title}
                </Link>
              </h2>
              <span className="text-sm text-stone-600">
                {displayUsdc(purchase.amountAtomic)}
                {purchase.discountCode && ` with code ${purchase.discountCode}`} · {purchase.settledAt?.toISOString().slice(0, 10)} ·{" "}
                {/* A free claim moved no money: its record is this entry, there is no transaction to show. */}
                {purchase.transactionHash ? (
                  <Link href={`/receipts/${purchase.transactionHash}`} className={LINK_CLASS}>
                    Receipt
                  </Link>
                ) : (
                  <span data-testid="free-claim">free claim, no transaction</span>
                )}
              </span>
              {purchase.files.length > 1 && (
                <a href={`/api/library/items/${purchase.itemId}`} download className={`self-start text-sm font-medium ${LINK_CLASS}`}>
                  Download all ({purchase.files.length} files as a ZIP, {formatBytes(purchase.files.reduce((sum, file) => sum + file.sizeBytes, 0))})
                </a>
              )}
            </div>
          </div>
          <ul className="mt-2 divide-y divide-stone-100">
            {purchase.files.map((file) => (
              <OwnedFile key={file.id} file={file} />
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
