import type { Metadata } from "next";
import Link from "next/link";
import { PriceTag } from "@/components/store/price-tag";
import { ItemFunnelLine } from "@/components/studio/item-funnel";
import { RevenueOverTime } from "@/components/studio/revenue-over-time";
import { SalesSummary, netRevenue } from "@/components/studio/sales-summary";
import { SalesTable } from "@/components/studio/sales-table";
import { StudioSignIn } from "@/components/studio/studio-sign-in";
import { SignOutButton } from "@/components/ui/sign-out-button";
import { getDailyRevenue, getItemFunnels } from "@/db/queries/analytics";
import { getSales, getSalesTotalsByItem, sumTotals } from "@/db/queries/sales";
import { getItemsOfCreator } from "@/db/queries/studio-items";
import { analyticsPeriod } from "@/lib/analytics/period";
import { getChainConfig } from "@/lib/chain/config";
import { displayUsdc } from "@/lib/money/usdc";
import { currentCreator } from "@/lib/studio/current-creator";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Creator studio" };

type Props = { searchParams: Promise<{ days?: string | string[] }> };

export default async function StudioPage({ searchParams }: Props) {
  const creator = await currentCreator();
  if (!creator) {
    return (
      <div className="flex flex-col gap-6">
        <h1 className="text-3xl font-bold tracking-tight">Creator studio</h1>
        <StudioSignIn />
      </div>
    );
  }
  const period = analyticsPeriod((await searchParams).days);
  const [items, totalsByItem, recentSales, revenue, funnels] = await Promise.all([
    getItemsOfCreator({ creatorId: creator.id }),
    getSalesTotalsByItem({ creatorId: creator.id }),
    getSales({ creatorId: creator.id, limit: 20 }),
    getDailyRevenue({ creatorId: creator.id, since: period.since, until: period.until }),
    getItemFunnels({ creatorId: creator.id, since: period.since }),
  ]);

  return (
    <div className="flex flex-col gap-8">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <div>
          <h1 className="text-3xl font-bold tracking-tight" data-testid="studio-creator">
            {creator.displayName}
          </h1>
          <p className="font-mono text-sm text-stone-600" data-testid="studio-wallet">
            {creator.walletAddress}
          </p>
        </div>
        <span className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
          <Link href="/studio/profile" className="text-brand underline">
            Profile and payout
          </Link>
          <Link href="/studio/webhooks" className="text-brand underline">
            Webhooks
          </Link>
          <Link href="/studio/discount-codes" className="text-brand underline">
            Discount codes
          </Link>
          <SignOutButton sessionPath="/api/studio/session" />
        </span>
      </header>

      <section className="flex flex-col gap-3">
        <h2 className="text-lg font-semibold">Sales</h2>
        <SalesSummary totals={sumTotals(totalsByItem.values())} csvHref="/api/studio/sales" />
        <RevenueOverTime period={period} revenue={revenue} />
      </section>

      <section className="flex flex-col gap-3">
        <div className="flex items-center justify-between">
          <h2 className="text-lg font-semibold">Your items</h2>
          <Link href="/studio/items/new" className="rounded-lg bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark">
            New item
          </Link>
        </div>
        {items.length > 0 && (
          <p className="text-sm text-stone-600">Views, 402s and paid downloads of the last {period.days} days; views and 402s arrive within seconds.</p>
        )}
        {items.length === 0 ? (
          <p className="text-stone-600">Nothing yet. Create an item, upload its files, set a price and publish it.</p>
        ) : (
          <ul className="divide-y divide-stone-200 rounded-xl border border-stone-200 bg-white">
            {items.map((item) => {
              const totals = totalsByItem.get(item.id) ?? sumTotals([]);
              return (
                <li key={item.id} className="flex flex-wrap items-center gap-4 p-4" data-testid="studio-item">
                  <Link href={`/studio/items/${item.id}`} className="min-w-0 flex-1 font-medium hover:underline">
                    {item.title}
                  </Link>
                  <span className={`rounded-full px-2 py-0.5 text-xs ${item.published ? "bg-green-100 text-green-800" : "bg-stone-100 text-stone-600"}`}>
                    {item.published ? "Published" : "Draft"}
                  </span>
                  <PriceTag atomic={item.priceAtomic} />
                  <span className="text-sm text-stone-600" data-testid="studio-item-revenue">
                    {totals.salesCount} {totals.salesCount === 1 ? "sale" : "sales"} · {displayUsdc(netRevenue(totals))} net
                    {totals.refundedAtomic > 0n && <> ({displayUsdc(totals.refundedAtomic)} refunded)</>}
                  </span>
                  {item.published && (
                    <ItemFunnelLine funnel={funnels.get(item.id) ?? { itemId: item.id, pageViews: 0, offersServed: 0, paidDownloads: 0 }} />
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section className="flex flex-col gap-3">
        <h2 className="text-lg font-semibold">Recent sales</h2>
        <SalesTable sales={recentSales} explorerUrl={getChainConfig().explorerUrl} creatorWallet={creator.walletAddress} showItem />
      </section>
    </div>
  );
}
