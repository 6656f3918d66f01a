import type { Metadata } from "next";
import { headers } from "next/headers";
import Image from "next/image";
import { notFound } from "next/navigation";
import { CreatorBox } from "@/components/catalog/creator-box";
import { CourseOutline } from "@/components/preview/course-outline";
import { BundleContents } from "@/components/store/bundle-contents";
import { FileList } from "@/components/store/file-list";
import { KIND_LABELS } from "@/components/store/kind-label";
import { ItemCheckout } from "@/components/store/item-checkout";
import { Preview } from "@/components/store/preview";
import { countItemSales, getPublishedItemBySlug } from "@/db/queries/catalog";
import { countPageView } from "@/lib/analytics/item-counters";
import { currentBuyer } from "@/lib/auth/current-buyer";
import { coverPath, downloadPath } from "@/lib/catalog/paths";
import { payToOf } from "@/lib/catalog/pay-to";
import { itemShareMetadata } from "@/lib/catalog/share-metadata";
import { requestOrigin } from "@/lib/http/request-origin";
import { catalogPricing } from "@/lib/pricing/catalog-pricing";
import { courseOutline } from "@/lib/previews/outline";
import { getStorage } from "@/lib/storage";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const item = await getPublishedItemBySlug({ slug: (await params).slug });
  return item ? itemShareMetadata(item, requestOrigin(await headers())) : { title: "Not found" };
}

export default async function ItemPage({ params }: Props) {
  const item = await getPublishedItemBySlug({ slug: (await params).slug });
  if (!item) notFound();
  countPageView(item.id);
  const preview = item.files.find((file) => file.isPreview);
  const paidFiles = item.files.filter((file) => !file.isPreview);

  return (
    <article className="grid grid-cols-1 gap-8 md:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
      <div className="self-start overflow-hidden rounded-xl border border-stone-200 bg-stone-100">
        {item.coverKey && (
          <Image src={coverPath(item.slug)} alt={`Cover of ${item.title}`} width={600} height={600} unoptimized priority />
        )}
      </div>
      <div className="flex flex-col gap-6">
        <header className="flex flex-col gap-2">
          <span className="text-xs font-medium uppercase tracking-wide text-stone-500">{KIND_LABELS[item.kind]}</span>
          <h1 className="text-3xl font-bold tracking-tight">{item.title}</h1>
          <CreatorBox creator={item.creator} sales={item.creator.showSalesCount ? await countItemSales({ itemId: item.id }) : null} updatedAt={item.updatedAt} />
          <p className="text-stone-700">{item.description}</p>
        </header>

        <section aria-labelledby="buy-heading" className="flex flex-col gap-3 rounded-xl border border-stone-200 bg-white p-4">
          <h2 id="buy-heading" className="sr-only">
            Buy
          </h2>
          <ItemCheckout
            pricing={catalogPricing(item)}
            slug={item.slug}
            title={item.title}
            priceAtomic={item.priceAtomic.toString()}
            downloadPath={downloadPath(item.slug)}
            files={paidFiles.map(({ id, fileName, sizeBytes }) => ({ id, fileName, sizeBytes }))}
            seller={{ name: item.creator.displayName, payTo: payToOf(item), wallet: item.creator.walletAddress }}
            studioPath={`/studio/items/${item.id}`}
            libraryWallet={await currentBuyer()}
          >
            <p className="text-sm text-stone-600">
              One payment buys {item.bundle ? `all ${item.bundle.length} items` : paidFiles.length === 1 ? "the file" : `all ${paidFiles.length} files`}. Agents pay{" "}
              <code className="rounded bg-stone-100 px-1">{downloadPath(item.slug)}</code> over HTTP 402
              {item.pwywMinimumAtomic !== null && (
                <>
                  , choosing with <code className="rounded bg-stone-100 px-1">?amount=</code>
                </>
              )}
              .
            </p>
            <div className="rounded-lg bg-stone-50 p-3 text-sm text-stone-700" data-testid="refund-policy">
              <h3 className="font-semibold">Refund policy</h3>
              <p className="whitespace-pre-line">{item.refundPolicy || "The creator has not stated a refund policy."}</p>
            </div>
          </ItemCheckout>
        </section>

        {item.bundle ? (
          <BundleContents bundle={item} />
        ) : item.kind === "course" ? (
          <CourseOutline outline={await courseOutline(getStorage(), paidFiles)} />
        ) : (
          <section aria-labelledby="files-heading" className="flex flex-col gap-3">
            <h2 id="files-heading" className="text-lg font-semibold">
              {paidFiles.length === 1 ? "What you get" : `What you get (${paidFiles.length} files)`}
            </h2>
            <FileList files={paidFiles} />
          </section>
        )}

        {preview && <Preview slug={item.slug} file={preview} />}
      </div>
    </article>
  );
}
