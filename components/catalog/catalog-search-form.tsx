import { CATALOG_SORTS, type CatalogState, SORT_LABELS } from "@/lib/catalog/browse";

const FIELD_CLASS = "min-h-11 w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-base";

/**
 * Search, price range and sort as a plain GET form: the result is a URL to share, rendered on the
 * server, and it works without JavaScript. The kind chosen with the chips travels along hidden.
 */
export function CatalogSearchForm({ action, state }: { action: string; state: CatalogState }) {
  const { query, typed } = state;
  return (
    <form method="get" action={action} role="search" aria-label="Search the catalog" className="grid grid-cols-2 gap-3 sm:grid-cols-[minmax(0,3fr)_minmax(0,1fr)_minmax(0,1fr)_minmax(0,2fr)_auto] sm:items-end">
      <label className="col-span-2 flex flex-col gap-1 text-sm sm:col-span-1">
        <span className="font-medium">Search</span>
        <input type="search" name="q" defaultValue={typed.q} placeholder="Title, creator or description" maxLength={200} className={FIELD_CLASS} />
      </label>
      {query.kind && <input type="hidden" name="kind" value={query.kind} />}
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Min USDC</span>
        <input name="min" defaultValue={typed.min} inputMode="decimal" placeholder="0" className={FIELD_CLASS} />
      </label>
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Max USDC</span>
        <input name="max" defaultValue={typed.max} inputMode="decimal" placeholder="Any" className={FIELD_CLASS} />
      </label>
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Sort by</span>
        <select name="sort" defaultValue={query.sort} className={FIELD_CLASS}>
          {CATALOG_SORTS.map((sort) => (
            <option key={sort} value={sort}>
              {SORT_LABELS[sort]}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="min-h-11 self-end rounded-lg bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark">
        Search
      </button>
    </form>
  );
}
