import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PrintButton } from "@/components/ui/print-button";
import { getReceiptByTransaction } from "@/db/queries/payments";
import { getRefundsOfPayment } from "@/db/queries/sales";
import { itemPath } from "@/lib/catalog/paths";
import { getChainConfig } from "@/lib/chain/config";
import { displayUsdc } from "@/lib/money/usdc";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Receipt" };

type Props = { params: Promise<{ transaction: string }> };

export default async function ReceiptPage({ params }: Props) {
  const { transaction } = await params;
  const receipt = /^0x[0-9a-fA-F]{64}$/.test(transaction) ? await getReceiptByTransaction({ transactionHash: transaction }) : null;
  if (!receipt) notFound();
  const { explorerUrl } = getChainConfig();
  const refunds = await getRefundsOfPayment({ paymentId: receipt.id });
  const rows: [string, React.ReactNode][] = [
    ["Item", <Link key="item" href={itemPath(receipt.itemSlug)} className="text-brand hover:underline">{receipt.itemTitle}</Link>],
    ["Amount", displayUsdc(receipt.amountAtomic)],
    ["Paid by", <span key="payer" className="font-mono">{receipt.payer}</span>],
    ["Paid to", <span key="payTo" className="font-mono">{receipt.payTo}</span>],
    ["Network", receipt.network],
    ["Token", <span key="asset" className="font-mono">{receipt.asset}</span>],
    [
      "Transaction",
      explorerUrl ? (
        <a key="tx" href={`${explorerUrl}/tx/${receipt.transactionHash}`} className="font-mono text-brand hover:underline">{receipt.transactionHash}</a>
      ) : (
        <span key="tx" className="font-mono">{receipt.transactionHash}</span>
      ),
    ],
    ["Time", receipt.settledAt ? `${receipt.settledAt.toISOString().replace("T", " ").slice(0, 19)} UTC` : "—"],
  ];
  return (
    <article className="mx-auto flex max-w-2xl flex-col gap-4 rounded-xl border border-stone-200 bg-white p-6" data-testid="receipt-page">
      <header className="flex items-center justify-between">
        <h1 className="text-2xl font-bold">Receipt</h1>
        <PrintButton />
      </header>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="font-medium text-stone-500">{label}</dt>
            <dd className="break-all">{value}</dd>
          </div>
        ))}
      </dl>
      {refunds.length > 0 && (
        <section className="flex flex-col gap-1 rounded-lg bg-amber-50 p-3 text-sm" data-testid="receipt-refunds">
          <h2 className="font-semibold">Refunded by the creator</h2>
          {refunds.map((refund) => (
            <p key={refund.id}>
              {displayUsdc(refund.amountAtomic)} on {refund.createdAt.toISOString().slice(0, 10)} in transaction{" "}
              <span className="break-all font-mono">{refund.transactionHash}</span>
              {refund.note && <> — {refund.note}</>}
            </p>
          ))}
        </section>
      )}
      <p className="text-xs text-stone-500">
        Paid with a signed USDC transfer authorization (EIP-3009), settled on-chain over the x402 protocol.
      </p>
    </article>
  );
}
