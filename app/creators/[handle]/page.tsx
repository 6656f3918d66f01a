import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { CatalogBrowser } from "@/components/catalog/catalog-browser";
import { CreatorAvatar } from "@/components/catalog/creator-avatar";
import { browseCatalog, getCreatorByHandle } from "@/db/queries/catalog";
import { CATALOG_PAGE_SIZE, type CatalogParams, parseCatalogParams } from "@/lib/catalog/browse";
import { creatorPath } from "@/lib/catalog/paths";
import { creatorShareMetadata } from "@/lib/catalog/share-metadata";
import { requestOrigin } from "@/lib/http/request-origin";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ handle: string }>; searchParams: Promise<CatalogParams> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const creator = await getCreatorByHandle({ handle: (await params).handle });
  return creator ? creatorShareMetadata(creator, requestOrigin(await headers())) : { title: "Not found" };
}

export default async function CreatorPage({ params, searchParams }: Props) {
  const creator = await getCreatorByHandle({ handle: (await params).handle });
  if (!creator) notFound();
  const state = parseCatalogParams(await searchParams);
  const page = await browseCatalog({ ...state.query, creatorId: creator.id, pageSize: CATALOG_PAGE_SIZE });
  return (
    <div className="flex flex-col gap-6">
      <header className="flex items-start gap-4">
        <CreatorAvatar creator={creator} size={80} />
        <div className="flex min-w-0 flex-col gap-1">
          <h1 className="text-3xl font-bold tracking-tight">{creator.displayName}</h1>
          {creator.bio && <p className="whitespace-pre-line text-stone-600">{creator.bio}</p>}
          <p className="font-mono text-xs break-all text-stone-500">Paid at {creator.payoutAddress}</p>
        </div>
      </header>
      <CatalogBrowser action={creatorPath(creator.handle)} state={state} page={page} />
    </div>
  );
}
