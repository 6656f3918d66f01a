import type { SalesTotals } from "@/db/queries/sales";
import { displayUsdc } from "@/lib/money/usdc";

/** What the creator keeps: refunds are money sent back, so revenue is shown gross, refunded and net. */
export function netRevenue(totals: SalesTotals): bigint {
  return totals.revenueAtomic - totals.refundedAtomic;
}

/** Revenue (gross, refunded, net) and sales at a glance, all from exact atomic units. */
export function SalesSummary({ totals, csvHref }: { totals: SalesTotals; csvHref: string }) {
  const stats: [label: string, testId: string, value: string][] = [
    ["Net revenue", "sales-net", displayUsdc(netRevenue(totals))],
    ["Gross", "sales-gross", displayUsdc(totals.revenueAtomic)],
    ["Refunded", "sales-refunded", displayUsdc(totals.refundedAtomic)],
    ["Sales", "sales-sales", String(totals.salesCount)],
  ];
  return (
    <div className="flex flex-wrap items-end gap-x-6 gap-y-3" data-testid="sales-summary">
      <dl className="flex flex-wrap gap-x-6 gap-y-3">
        {stats.map(([label, testId, value]) => (
          <div key={label} className="flex flex-col">
            <dt className="text-xs uppercase tracking-wide text-stone-600">{label}</dt>
            <dd className={`tabular-nums ${testId === "sales-net" ? "text-2xl font-bold" : "text-xl font-semibold"}`} data-testid={testId}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      <a href={csvHref} className="text-sm text-brand underline" download>
        Export CSV
      </a>
    </div>
  );
}
