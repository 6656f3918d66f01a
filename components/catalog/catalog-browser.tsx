import Link from "next/link";
import { ItemGrid } from "@/components/store/item-card";
import { KindFilter } from "@/components/store/kind-filter";
import type { CatalogPage } from "@/db/queries/catalog";
import type { CatalogState } from "@/lib/catalog/browse";
import { CatalogPagination } from "./catalog-pagination";
import { CatalogSearchForm } from "./catalog-search-form";

/** The searchable, filterable, paged grid of items: the store's front page and each creator's page alike. */
export function CatalogBrowser({ action, state, page }: { action: string; state: CatalogState; page: CatalogPage }) {
  const { query } = state;
  const filtered = query.words.length > 0 || query.kind || query.minPriceAtomic !== undefined || query.maxPriceAtomic !== undefined;
  return (
    <section aria-label="Items" className="flex flex-col gap-4">
      <CatalogSearchForm action={action} state={state} />
      <KindFilter action={action} state={state} />
      {page.items.length === 0 && filtered ? (
        <p className="text-stone-600" data-testid="no-results">
          No items match.{" "}
          <Link href={action} className="text-brand underline">
            Show everything
          </Link>
        </p>
      ) : (
        <ItemGrid items={page.items} />
      )}
      <CatalogPagination action={action} state={state} page={page} />
    </section>
  );
}
