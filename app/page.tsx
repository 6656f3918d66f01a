import { CatalogBrowser } from "@/components/catalog/catalog-browser";
import { browseCatalog } from "@/db/queries/catalog";
import { CATALOG_PAGE_SIZE, type CatalogParams, parseCatalogParams } from "@/lib/catalog/browse";

export const dynamic = "force-dynamic";

export default async function CatalogPage({ searchParams }: { searchParams: Promise<CatalogParams> }) {
  const state = parseCatalogParams(await searchParams);
  const page = await browseCatalog({ ...state.query, pageSize: CATALOG_PAGE_SIZE });
  return (
    <div className="flex flex-col gap-6">
      <section className="flex flex-col gap-2">
        <h1 className="text-3xl font-bold tracking-tight">Digital files, paid per download</h1>
        <p className="max-w-2xl text-stone-600">
          E-books, music and courses from independent creators. Pay with USDC from your wallet, or let an agent pay the
          same URL over HTTP 402.
        </p>
      </section>
      <CatalogBrowser action="/" state={state} page={page} />
    </div>
  );
}
