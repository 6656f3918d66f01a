import Image from "next/image";
import Link from "next/link";
import type { CatalogItem } from "@/db/queries/catalog";
import { coverPath, creatorPath, itemPath } from "@/lib/catalog/paths";
import { KIND_LABELS } from "./kind-label";
import { PriceTag } from "./price-tag";

export function ItemCard({ item }: { item: CatalogItem }) {
  return (
    <article
      className="flex flex-col overflow-hidden rounded-xl border border-stone-200 bg-white shadow-sm"
      data-testid="item-card"
    >
      {/* The title below is the card's link for keyboards and screen readers; the cover repeats it for pointers. */}
      <Link href={itemPath(item.slug)} tabIndex={-1} aria-hidden="true" className="block aspect-square bg-stone-100">
        {item.coverKey && (
          <Image
            src={coverPath(item.slug)}
            alt={`Cover of ${item.title}`}
            width={600}
            height={600}
            unoptimized
            className="h-full w-full object-cover"
          />
        )}
      </Link>
      <div className="flex flex-1 flex-col gap-1 p-3 sm:p-4">
        <span className="text-xs font-medium uppercase tracking-wide text-stone-500">{KIND_LABELS[item.kind]}</span>
        <h2 className="text-sm font-semibold leading-snug sm:text-base">
          <Link href={itemPath(item.slug)} className="hover:underline">
            {item.title}
          </Link>
        </h2>
        <Link href={creatorPath(item.creator.handle)} className="py-1 text-sm text-stone-600 hover:underline">
          {item.creator.displayName}
        </Link>
        <div className="mt-auto pt-2">
          <PriceTag atomic={item.priceAtomic} />
        </div>
      </div>
    </article>
  );
}

export function ItemGrid({ items }: { items: CatalogItem[] }) {
  if (items.length === 0) return <p className="text-stone-600">Nothing here yet.</p>;
  return (
    <div className="grid grid-cols-2 gap-3 sm:gap-6 md:grid-cols-3 lg:grid-cols-4">
      {items.map((item) => (
        <ItemCard key={item.id} item={item} />
      ))}
    </div>
  );
}
