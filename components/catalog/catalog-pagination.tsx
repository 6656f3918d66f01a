import Link from "next/link";
import type { CatalogPage } from "@/db/queries/catalog";
import { type CatalogState, catalogSearch } from "@/lib/catalog/browse";

const LINK_CLASS = "inline-flex min-h-11 items-center rounded-lg border border-stone-300 bg-white px-4 font-medium hover:border-stone-500";

/** Previous and Next as links carrying a cursor: every page has its own URL. */
export function CatalogPagination({ action, state, page }: { action: string; state: CatalogState; page: CatalogPage }) {
  if (!page.previous && !page.next) return null;
  return (
    <nav aria-label="Pages" className="flex justify-between gap-3">
      {page.previous ? (
        <Link rel="prev" href={`${action}${catalogSearch(state, { start: { direction: "before", cursor: page.previous } })}`} className={LINK_CLASS}>
          ← Previous
        </Link>
      ) : (
        <span />
      )}
      {page.next && (
        <Link rel="next" href={`${action}${catalogSearch(state, { start: { direction: "after", cursor: page.next } })}`} className={LINK_CLASS}>
          Next →
        </Link>
      )}
    </nav>
  );
}
