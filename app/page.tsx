import { z } from "zod";
import { KindFilter } from "@/components/store/kind-filter";
import { ItemGrid } from "@/components/store/item-card";
import { getPublishedItems } from "@/db/queries/catalog";
import { ITEM_KINDS } from "@/db/schema";

export const dynamic = "force-dynamic";

const searchSchema = z.object({ kind: z.enum(ITEM_KINDS).optional().catch(undefined) });

export default async function CatalogPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const { kind } = searchSchema.parse(await searchParams);
  const items = await getPublishedItems({ kind });
  return (
    <div className="flex flex-col gap-6">
      <section className="flex flex-col gap-2">
        <h1 className="text-3xl font-bold tracking-tight">Digital files, paid per download</h1>
        <p className="max-w-2xl text-stone-600">
          E-books, music and courses from independent creators. Pay with USDC from your wallet, or let an agent pay the
          same URL over HTTP 402.
        </p>
      </section>
      <KindFilter active={kind} />
      <ItemGrid items={items} />
    </div>
  );
}
