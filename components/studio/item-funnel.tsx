import type { ItemFunnel } from "@/db/queries/analytics";

function share(part: number, whole: number): string {
  return whole === 0 ? "—" : `${Math.round((part / whole) * 1000) / 10} %`;
}

/** One item's way from page view to paid download over the chosen period, with the conversion between the steps. */
export function ItemFunnelLine({ funnel }: { funnel: ItemFunnel }) {
  const steps: [label: string, testId: string, value: string][] = [
    [funnel.pageViews === 1 ? "page view" : "page views", "funnel-views", String(funnel.pageViews)],
    ["402s served", "funnel-offers", String(funnel.offersServed)],
    [funnel.paidDownloads === 1 ? "paid download" : "paid downloads", "funnel-paid", String(funnel.paidDownloads)],
    ["of views paid", "funnel-view-conversion", share(funnel.paidDownloads, funnel.pageViews)],
    ["of 402s paid", "funnel-offer-conversion", share(funnel.paidDownloads, funnel.offersServed)],
  ];
  return (
    <dl className="flex w-full flex-wrap gap-x-4 gap-y-1 text-xs text-stone-600" data-testid="studio-item-funnel">
      {steps.map(([label, testId, value]) => (
        <div key={testId} className="flex gap-1">
          <dt className="order-2">{label}</dt>
          <dd className="order-1 font-semibold tabular-nums text-stone-800" data-testid={testId}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
