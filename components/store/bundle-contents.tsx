import Link from "next/link";
import type { CatalogItemWithFiles } from "@/db/queries/catalog";
import { itemPath } from "@/lib/catalog/paths";
import { formatBytes } from "@/lib/format/bytes";
import { displayUsdc } from "@/lib/money/usdc";
import { KIND_LABELS } from "./kind-label";

/** What a bundle includes, and what it saves against buying each item on its own. */
export function BundleContents({ bundle }: { bundle: Pick<CatalogItemWithFiles, "bundle" | "files" | "priceAtomic"> }) {
  const members = bundle.bundle ?? [];
  const separately = members.reduce((sum, member) => sum + member.priceAtomic, 0n);
  const saving = separately - bundle.priceAtomic;
  return (
    <section aria-labelledby="bundle-heading" className="flex flex-col gap-3" data-testid="bundle-contents">
      <h2 id="bundle-heading" className="text-lg font-semibold">
        What you get ({members.length} items)
      </h2>
      <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
        {members.map((member) => {
          const size = bundle.files.filter((file) => file.itemId === member.id).reduce((sum, file) => sum + file.sizeBytes, 0);
          return (
            <li key={member.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 px-4 py-2 text-sm" data-testid="bundle-member">
              <span className="flex min-w-0 flex-col">
                {member.published ? (
                  <Link href={itemPath(member.slug)} className="font-medium underline decoration-stone-300 hover:decoration-current wrap-anywhere">
                    {member.title}
                  </Link>
                ) : (
                  <span className="font-medium wrap-anywhere">{member.title}</span>
                )}
                <span className="text-stone-600">
                  {KIND_LABELS[member.kind]} · {formatBytes(size)}
                </span>
              </span>
              <span className="shrink-0 tabular-nums text-stone-600">{displayUsdc(member.priceAtomic)}</span>
            </li>
          );
        })}
      </ul>
      <p className="text-sm text-stone-700" data-testid="bundle-saving">
        Bought one by one: {displayUsdc(separately)}.{" "}
        {saving > 0n ? <strong>You save {displayUsdc(saving)}.</strong> : "The bundle costs no less than its items."}
      </p>
      <p className="text-sm text-stone-600">The download is one ZIP with a folder per item; each item also downloads again from its own page.</p>
    </section>
  );
}
