import type { StudioItem } from "@/db/queries/studio-items";
import { formatUsdc } from "@/lib/money/usdc";

/** An item as the studio API returns it: money as exact strings, both in USDC and atomic units. */
export function itemJson(item: StudioItem) {
  return {
    id: item.id,
    slug: item.slug,
    title: item.title,
    description: item.description,
    kind: item.kind,
    price: formatUsdc(item.priceAtomic),
    priceAtomic: item.priceAtomic.toString(),
    /** Pay-what-you-want minimum ("" for a fixed price); `price` is then the suggested price. */
    pwywMinimum: item.pwywMinimumAtomic === null ? "" : formatUsdc(item.pwywMinimumAtomic),
    payoutAddress: item.payoutAddress,
    refundPolicy: item.refundPolicy,
    published: item.published,
    stamped: item.stamped,
    bundleItems: item.bundle?.map((member) => member.slug) ?? null,
    hasCover: item.coverKey !== null,
    files: item.files.map((file) => ({
      id: file.id,
      name: file.fileName,
      title: file.title,
      mimeType: file.mimeType,
      sizeBytes: file.sizeBytes,
      sha256: file.sha256,
      position: file.position,
      isPreview: file.isPreview,
    })),
  };
}
