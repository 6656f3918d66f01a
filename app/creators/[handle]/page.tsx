import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ItemGrid } from "@/components/store/item-card";
import { getCreatorByHandle, getPublishedItems } from "@/db/queries/catalog";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ handle: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const creator = await getCreatorByHandle({ handle: (await params).handle });
  return { title: creator?.displayName ?? "Not found" };
}

export default async function CreatorPage({ params }: Props) {
  const creator = await getCreatorByHandle({ handle: (await params).handle });
  if (!creator) notFound();
  const items = await getPublishedItems({ creatorId: creator.id });
  return (
    <div className="flex flex-col gap-6">
      <header className="flex flex-col gap-1">
        <h1 className="text-3xl font-bold tracking-tight">{creator.displayName}</h1>
        {creator.bio && <p className="text-stone-600">{creator.bio}</p>}
        <p className="font-mono text-xs text-stone-500">Paid at {creator.payoutAddress}</p>
      </header>
      <ItemGrid items={items} />
    </div>
  );
}
