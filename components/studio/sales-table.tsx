import Link from "next/link";
import type { Sale } from "@/db/queries/sales";
import { displayUsdc } from "@/lib/money/usdc";
import { RefundSale } from "./refund-sale";

/** Recent sales: who paid, how much, when, the transaction, and refunds recorded against each. */
export function SalesTable({ sales, explorerUrl, showItem, creatorWallet }: { sales: Sale[]; explorerUrl?: string; showItem: boolean; creatorWallet: string }) {
  if (sales.length === 0) return <p className="text-sm text-stone-600">No sales yet.</p>;
  return (
    // relative: absolutely positioned text in the refund panel stays inside the scrolling box.
    <div className="relative overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="sales-table">
        <thead className="text-xs uppercase tracking-wide text-stone-500">
          <tr>
            <th className="py-2 pr-4">Time (UTC)</th>
            {showItem && <th className="py-2 pr-4">Item</th>}
            <th className="py-2 pr-4">Payer</th>
            <th className="py-2 pr-4">Amount</th>
            <th className="py-2 pr-4">Transaction</th>
            <th className="py-2">Refunds</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-200">
          {sales.map((sale) => {
            const refunded = sale.refunds.reduce((sum, refund) => sum + refund.amountAtomic, 0n);
            const hash = sale.transactionHash ?? "";
            return (
              <tr key={sale.id} data-testid="sale">
                <td className="py-2 pr-4 whitespace-nowrap">{sale.settledAt?.toISOString().replace("T", " ").slice(0, 16)}</td>
                {showItem && <td className="py-2 pr-4">{sale.itemTitle}</td>}
                <td className="py-2 pr-4 font-mono" title={sale.payer}>
                  {sale.payer.slice(0, 8)}…{sale.payer.slice(-6)}
                </td>
                <td className="py-2 pr-4 whitespace-nowrap" data-testid="sale-amount">
                  {displayUsdc(sale.amountAtomic)}
                  {sale.discountCode && (
                    <span className="block text-xs text-stone-600" data-testid="sale-discount">
                      {sale.discountCode}, {displayUsdc(sale.discountAtomic ?? 0n)} off
                    </span>
                  )}
                </td>
                <td className="py-2 pr-4 font-mono">
                  {/* A free claim has no transaction: nothing to link. */}
                  {!hash && <span className="font-sans text-stone-600">free claim</span>}
                  {hash && <Link href={`/receipts/${hash}`} className="text-brand hover:underline" title={hash}>
                    {hash.slice(0, 10)}…
                  </Link>}
                  {hash && explorerUrl && (
                    <a href={`${explorerUrl}/tx/${hash}`} className="ml-2 text-xs text-stone-500 underline">
                      explorer
                    </a>
                  )}
                </td>
                <td className="py-2">
                  {refunded > 0n && <span className="mr-2 text-amber-700" data-testid="sale-refunded">{displayUsdc(refunded)} refunded</span>}
                  {refunded < sale.amountAtomic && (
                    // Keyed by what is left to refund: after a refund the form starts fresh.
                    <RefundSale
                      key={refunded.toString()}
                      sale={{
                        transaction: hash,
                        payer: sale.payer as `0x${string}`,
                        payTo: sale.payTo as `0x${string}`,
                        paidAtomic: sale.amountAtomic.toString(),
                        refundedAtomic: refunded.toString(),
                      }}
                      creatorWallet={creatorWallet as `0x${string}`}
                    />
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
