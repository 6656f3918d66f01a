import Link from "next/link";
import { ITEM_KINDS, type ItemKind } from "@/db/schema";
import { type CatalogState, catalogSearch } from "@/lib/catalog/browse";
import { KIND_LABELS } from "./kind-label";

/** One chip per kind; each keeps the search, price range and sort, and starts from the first page. */
export function KindFilter({ action, state }: { action: string; state: CatalogState }) {
  const active = state.query.kind;
  const options: { label: string; kind: ItemKind | null }[] = [{ label: "All", kind: null }, ...ITEM_KINDS.map((kind) => ({ label: KIND_LABELS[kind], kind }))];
  return (
    <nav aria-label="Filter by kind" className="flex flex-wrap gap-2">
      {options.map((option) => {
        const current = (option.kind ?? undefined) === active;
        return (
          <Link
            key={option.label}
            href={`${action}${catalogSearch(state, { kind: option.kind })}`}
            aria-current={current ? "page" : undefined}
            className={`inline-flex min-h-11 items-center rounded-full border px-4 text-sm ${
              current ? "border-brand bg-brand text-white" : "border-stone-300 bg-white hover:border-stone-500"
            }`}
          >
            {option.label}
          </Link>
        );
      })}
    </nav>
  );
}
