import Link from "next/link";
import type { DailyRevenue } from "@/db/queries/analytics";
import { ANALYTICS_PERIODS, type AnalyticsPeriod } from "@/lib/analytics/period";
import { displayUsdc, formatUsdc } from "@/lib/money/usdc";
import { RevenueChart } from "./revenue-chart";

/** Daily net revenue (sales minus refunds recorded that day) over the chosen period, drawn and tabled. */
export function RevenueOverTime({ period, revenue }: { period: AnalyticsPeriod; revenue: DailyRevenue[] }) {
  const net = revenue.map((day) => day.grossAtomic - day.refundedAtomic);
  const total = net.reduce((sum, value) => sum + value, 0n);
  const best = revenue.reduce<{ day: string; net: bigint } | null>(
    (top, day, index) => (net[index] > 0n && (!top || net[index] > top.net) ? { day: day.day, net: net[index] } : top),
    null,
  );
  const label = `Net revenue per day, last ${period.days} days: ${displayUsdc(total)} in total${best ? `, most on ${best.day} (${displayUsdc(best.net)})` : ""}.`;

  return (
    <div className="flex flex-col gap-3" data-testid="revenue-over-time">
      <nav aria-label="Period" className="flex gap-2 text-sm">
        {ANALYTICS_PERIODS.map((days) => (
          <Link
            key={days}
            href={`/studio?days=${days}`}
            aria-current={days === period.days ? "page" : undefined}
            className={`inline-flex min-h-11 items-center rounded-lg border px-3 ${days === period.days ? "border-brand bg-brand text-white" : "border-stone-300 bg-white text-stone-800 hover:bg-stone-50"}`}
          >
            Last {days} days
          </Link>
        ))}
      </nav>
      <RevenueChart days={revenue.map((day) => day.day)} net={net.map(formatUsdc)} label={label} />
      <details className="text-sm">
        <summary className="inline-flex min-h-11 cursor-pointer items-center text-brand underline">Daily figures</summary>
        <table className="mt-2 w-full max-w-xl text-left tabular-nums" data-testid="daily-revenue">
          <thead>
            <tr className="text-xs uppercase tracking-wide text-stone-600">
              <th scope="col">Day (UTC)</th>
              <th scope="col">Gross</th>
              <th scope="col">Refunded</th>
              <th scope="col">Net</th>
            </tr>
          </thead>
          <tbody>
            {revenue.map((day, index) => (
              <tr key={day.day} data-day={day.day}>
                <td>{day.day}</td>
                <td>{formatUsdc(day.grossAtomic)}</td>
                <td>{formatUsdc(day.refundedAtomic)}</td>
                <td data-testid="daily-net">{formatUsdc(net[index])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
