import Link from "next/link";
import type { Purchase } from "@/db/queries/purchases";
import { itemPath } from "@/lib/catalog/paths";
import { formatBytes } from "@/lib/format/bytes";
import { displayUsdc } from "@/lib/money/usdc";

export function PurchaseList({ purchases }: { purchases: Purchase[] }) {
  if (purchases.length === 0) {
    return (
      <p className="text-stone-600">
        No purchases for this wallet yet. <Link href="/" className="text-brand hover:underline">Browse the catalog</Link>.
      </p>
    );
  }
  return (
    <ul className="flex flex-col gap-4">
      {purchases.map((purchase) => (
        <li key={purchase.transactionHash} className="rounded-xl border border-stone-200 bg-white p-4" data-testid="purchase">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 className="text-lg font-semibold">
              <Link href={itemPath(purchase.slug)} className="hover:underline">
                {purchase.title}
              </Link>
            </h2>
            <span className="text-sm text-stone-600">
              {displayUsdc(purchase.amountAtomic)} · {purchase.settledAt?.toISOString().slice(0, 10)} ·{" "}
              <Link href={`/receipts/${purchase.transactionHash}`} className="text-brand hover:underline">
                Receipt
              </Link>
            </span>
          </div>
          <ul className="mt-2 divide-y divide-stone-100">
            {purchase.files.map((file) => (
              <li key={file.id} className="flex items-center justify-between gap-4 py-1 text-sm">
                <span className="min-w-0 font-mono">{file.fileName}</span>
                <a href={`/api/library/files/${file.id}`} download={file.fileName} className="shrink-0 text-brand hover:underline">
                  Download ({formatBytes(file.sizeBytes)})
                </a>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
