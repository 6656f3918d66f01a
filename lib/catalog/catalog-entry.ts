import type { CatalogItemWithFiles } from "@/db/queries/catalog";
import type { ChainConfig } from "@/lib/chain/networks";
import { formatUsdc } from "@/lib/money/usdc";
import { catalogPricing } from "@/lib/pricing/catalog-pricing";
import { payToOf } from "./pay-to";
import { coverPath, downloadPath, itemPath, previewPath } from "./paths";

/** One item as `/api/catalog` describes it to agents: everything needed to decide and pay. */
export function toCatalogEntry(item: CatalogItemWithFiles, origin: string, chain: ChainConfig, codes: { mayApply: boolean } = { mayApply: false }) {
  const preview = item.files.find((file) => file.isPreview);
  return {
    slug: item.slug,
    title: item.title,
    kind: item.kind,
    description: item.description,
    creator: { name: item.creator.displayName, handle: item.creator.handle },
    price: { atomic: item.priceAtomic.toString(), display: `${formatUsdc(item.priceAtomic)} USDC`, decimals: 6 },
    /** Fixed, or pay-what-you-want (`?amount=`; `price` is then the suggested amount). */
    pricing: catalogPricing(item),
    /** Whether a discount code of the creator can apply to this item now (`?code=`). */
    discountCodes: codes.mayApply,
    asset: chain.usdc,
    network: chain.network,
    payTo: payToOf(item),
    refundPolicy: item.refundPolicy,
    /** A bundle's members (each also re-downloads from its own URL once the bundle is bought); null for other items. */
    bundle: item.bundle ? { items: item.bundle.map((member) => member.slug) } : null,
    /** PDFs are stamped per buyer while served: the delivered bytes' sha256 differs from `files[].sha256`, and the receipt names it. */
    stamped: item.stamped,
    files: item.files
      .filter((file) => !file.isPreview)
      .map((file) => ({ name: file.fileName, size: file.sizeBytes, mimeType: file.mimeType, sha256: file.sha256 })),
    preview: preview
      ? { name: preview.fileName, size: preview.sizeBytes, mimeType: preview.mimeType, url: `${origin}${previewPath(item.slug)}` }
      : null,
    coverUrl: item.coverKey ? `${origin}${coverPath(item.slug)}` : null,
    pageUrl: `${origin}${itemPath(item.slug)}`,
    downloadUrl: `${origin}${downloadPath(item.slug)}`,
  };
}

export type CatalogEntry = ReturnType<typeof toCatalogEntry>;
