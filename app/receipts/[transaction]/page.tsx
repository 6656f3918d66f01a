import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PrintButton } from "@/components/ui/print-button";
import { creatorPath, itemPath } from "@/lib/catalog/paths";
import { STORE_NAME } from "@/lib/discovery/store-facts";
import { formatBytes } from "@/lib/format/bytes";
import { displayUsdc } from "@/lib/money/usdc";
import { getReceiptDetails } from "@/lib/receipts/receipt-details";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Receipt" };

type Props = { params: Promise<{ transaction: string }> };

const SMALL_PRINT = "block break-all font-mono text-xs text-stone-600";

export default async function ReceiptPage({ params }: Props) {
  const details = await getReceiptDetails({ transactionHash: (await params).transaction });
  if (!details) notFound();
  const { payment, seller, explorerUrl } = details;
  const transaction = payment.transactionHash!;
  const rows: [string, React.ReactNode][] = [
    ["Receipt number", <span key="number" className="font-mono" data-testid="receipt-number">{details.number}</span>],
    ["Store", STORE_NAME],
    [
      "Seller",
      <span key="seller">
        {seller ? <Link href={creatorPath(seller.handle)} className="text-brand underline">{seller.name}</Link> : "—"}
        <span className={SMALL_PRINT}>Paid to {payment.payTo}</span>
      </span>,
    ],
    ["Item", <Link key="item" href={itemPath(payment.itemSlug)} className="text-brand underline">{payment.itemTitle}</Link>],
    [
      "Files",
      <ul key="files" data-testid="receipt-files">
        {details.files.map((file) => (
          <li key={file.id}>
            {file.fileName} <span className="tabular-nums text-stone-600">({formatBytes(file.sizeBytes)})</span>
          </li>
        ))}
      </ul>,
    ],
    // A stamped copy is this buyer's own: its digest, not the catalog's, identifies what was delivered.
    ...(payment.deliveredSha256
      ? ([["Stamped copy (sha256)", <span key="stamped" className="font-mono text-xs break-all" data-testid="receipt-delivered-sha256">{payment.deliveredSha256}</span>]] as [string, React.ReactNode][])
      : []),
    ["Amount", displayUsdc(payment.amountAtomic)],
    ...(payment.discountCode
      ? [["Discount", <span key="discount" data-testid="receipt-discount">{payment.discountCode}: {displayUsdc(payment.discountAtomic ?? 0n)} off</span>] as [string, React.ReactNode]]
      : []),
    ["Paid by", <span key="payer" className="font-mono">{payment.payer}</span>],
    ["Network", <span key="network">{details.networkName}<span className={SMALL_PRINT}>{payment.network}</span></span>],
    ["Token", <span key="token">{details.tokenName ?? "Unknown token"}<span className={SMALL_PRINT}>{payment.asset}</span></span>],
    [
      "Transaction",
      explorerUrl ? (
        <a key="tx" href={`${explorerUrl}/tx/${transaction}`} className="font-mono text-brand underline">{transaction}</a>
      ) : (
        <span key="tx" className="font-mono">{transaction}</span>
      ),
    ],
    ["Time", payment.settledAt ? `${payment.settledAt.toISOString().replace("T", " ").slice(0, 19)} UTC` : "—"],
  ];
  return (
    <article className="mx-auto flex max-w-2xl flex-col gap-4 rounded-xl border border-stone-200 bg-white p-6 print:border-0 print:p-0" data-testid="receipt-page">
      {/* The site's header is not printed; the paper gets this one instead. */}
      <p className="hidden border-b-2 border-stone-900 pb-2 text-xl font-bold print:block" data-testid="receipt-print-header">
        {STORE_NAME} <span className="font-normal text-stone-600">· receipt {details.number}</span>
      </p>
      <header className="flex items-center justify-between">
        <h1 className="text-2xl font-bold">Receipt</h1>
        <PrintButton />
      </header>
      <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-6 gap-y-2 text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="font-medium text-stone-600">{label}</dt>
            <dd className="wrap-anywhere">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="print:hidden">
        <Link href="/library" className="inline-flex min-h-11 items-center font-semibold text-brand underline">
          Download your files from My library
        </Link>
      </p>
      {details.refunds.length > 0 && (
        <section className="flex flex-col gap-1 rounded-lg bg-amber-50 p-3 text-sm" data-testid="receipt-refunds">
          <h2 className="font-semibold">Refunded by the creator</h2>
          {details.refunds.map((refund) => (
            <p key={refund.id}>
              {displayUsdc(refund.amountAtomic)} on {refund.createdAt.toISOString().slice(0, 10)} in transaction{" "}
              <span className="break-all font-mono">{refund.transactionHash}</span>
              {refund.note && <> — {refund.note}</>}
            </p>
          ))}
        </section>
      )}
      <p className="text-xs text-stone-600">
        Paid with a signed USDC transfer authorization (EIP-3009), settled on-chain over the x402 protocol. Download again any
        time from My library at {STORE_NAME}, signed in with the paying wallet.
      </p>
    </article>
  );
}
