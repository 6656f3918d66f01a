import type { SalesTotals } from "@/db/queries/sales";
import { displayUsdc } from "@/lib/money/usdc";

/** Revenue, sales and refunds at a glance. */
export function SalesSummary({ totals, csvHref }: { totals: SalesTotals; csvHref: string }) {
  const stats = [
    ["Revenue", displayUsdc(totals.revenueAtomic)],
    ["Sales", String(totals.salesCount)],
    ["Refunded", displayUsdc(totals.refundedAtomic)],
  ];
  return (
    <div className="flex flex-wrap items-end gap-6" data-testid="sales-summary">
      {stats.map(([label, value]) => (
        <div key={label} className="flex flex-col">
          <span className="text-xs uppercase tracking-wide text-stone-500">{label}</span>
          <span className="text-xl font-semibold" data-testid={`sales-${label.toLowerCase()}`}>
            {value}
          </span>
        </div>
      ))}
      <a href={csvHref} className="text-sm text-brand underline" download>
        Export CSV
      </a>
    </div>
  );
}
