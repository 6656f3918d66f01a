import Link from "next/link";
import { FileList } from "@/components/store/file-list";
import { KIND_LABELS } from "@/components/store/kind-label";
import { PriceTag } from "@/components/store/price-tag";
import type { StudioItem } from "@/db/queries/studio-items";
import type { Creator } from "@/db/schema";
import { itemPath } from "@/lib/catalog/paths";
import { formatBytes } from "@/lib/format/bytes";

/**
 * The item as buyers will see it on /items/[slug], built from the same store components, with the
 * Buy panel replaced by a note: nothing on this page can take a payment. Drafts have no public
 * cover or sample URL yet, so the cover comes from the studio's own route and the sample is named.
 */
export function ItemPreview({ item, creator }: { item: StudioItem; creator: Creator }) {
  const sample = item.files.find((file) => file.isPreview);
  const paidFiles = item.files.filter((file) => !file.isPreview);
  return (
    <div className="flex flex-col gap-6">
      <div role="note" className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950" data-testid="preview-banner">
        <p>
          <strong>{item.published ? "Preview: published." : "Preview: not published."}</strong>{" "}
          {item.published ? (
            <>
              Buyers see this at <Link href={itemPath(item.slug)} className="underline">{itemPath(item.slug)}</Link>.
            </>
          ) : (
            "Only you can see this page; buyers see it once you publish."
          )}
        </p>
        <Link href={`/studio/items/${item.id}`} className="inline-flex min-h-11 items-center font-semibold underline">
          Back to editing
        </Link>
      </div>

      <article className="grid grid-cols-1 gap-8 md:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]" data-testid="item-preview">
        <div className="self-start overflow-hidden rounded-xl border border-stone-200 bg-stone-100">
          {item.coverKey && (
            // eslint-disable-next-line @next/next/no-img-element -- a private, per-session image; the optimizer would cache it
            <img src={`/api/studio/items/${item.id}/cover`} alt={`Cover of ${item.title}`} width={600} height={600} className="h-auto w-full" />
          )}
        </div>
        <div className="flex flex-col gap-6">
          <header className="flex flex-col gap-2">
            <span className="text-xs font-medium uppercase tracking-wide text-stone-600">{KIND_LABELS[item.kind]}</span>
            <h2 className="text-3xl font-bold tracking-tight">{item.title}</h2>
            <p>by {creator.displayName}</p>
            <p className="whitespace-pre-line text-stone-700">{item.description}</p>
          </header>

          <section aria-labelledby="price-heading" className="flex flex-col gap-3 rounded-xl border border-stone-200 bg-white p-4">
            <h3 id="price-heading" className="sr-only">
              Price
            </h3>
            <PriceTag atomic={item.priceAtomic} className="text-2xl" />
            <p className="text-sm text-stone-600">One payment buys {paidFiles.length === 1 ? "the file" : `all ${paidFiles.length} files`}.</p>
            <div className="rounded-lg bg-stone-50 p-3 text-sm text-stone-700" data-testid="refund-policy">
              <h4 className="font-semibold">Refund policy</h4>
              <p className="whitespace-pre-line">{item.refundPolicy || "The creator has not stated a refund policy."}</p>
            </div>
            <p className="rounded-lg border border-dashed border-stone-300 p-3 text-center text-sm text-stone-600" data-testid="preview-no-buy">
              Buyers see the Buy button here. It is not shown in the preview.
            </p>
          </section>

          <section aria-labelledby="files-heading" className="flex flex-col gap-3">
            <h3 id="files-heading" className="text-lg font-semibold">
              {paidFiles.length === 1 ? "What you get" : `What you get (${paidFiles.length} files)`}
            </h3>
            {paidFiles.length > 0 ? <FileList files={paidFiles} /> : <p className="text-sm text-stone-600">No paid files yet.</p>}
          </section>

          {sample && (
            <section aria-labelledby="sample-heading" className="flex flex-col gap-2 text-sm">
              <h3 id="sample-heading" className="text-lg font-semibold">
                Free preview
              </h3>
              <p className="text-stone-700">
                {sample.fileName} ({formatBytes(sample.sizeBytes)}), free to anyone once the item is published.
              </p>
            </section>
          )}
        </div>
      </article>
    </div>
  );
}
