import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CoverUpload } from "@/components/studio/cover-upload";
import { FileManager } from "@/components/studio/file-manager";
import { ItemActions } from "@/components/studio/item-actions";
import { ItemForm } from "@/components/studio/item-form";
import { SalesSummary } from "@/components/studio/sales-summary";
import { SalesTable } from "@/components/studio/sales-table";
import { StudioPageHeader } from "@/components/studio/studio-page-header";
import { StudioSignIn } from "@/components/studio/studio-sign-in";
import { getSales, getSalesTotalsByItem, sumTotals } from "@/db/queries/sales";
import { downloadPath, itemPath } from "@/lib/catalog/paths";
import { getChainConfig } from "@/lib/chain/config";
import { getEnv } from "@/lib/env";
import { formatUsdc } from "@/lib/money/usdc";
import { currentCreator, findCreatorItem } from "@/lib/studio/current-creator";
import { MAX_COVER_BYTES } from "@/lib/studio/item-files";
import { bundleCandidatesOf } from "@/lib/studio/bundle-candidates";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Edit item — Creator studio" };

export default async function StudioItemPage({ params }: { params: Promise<{ id: string }> }) {
  const creator = await currentCreator();
  if (!creator) return <StudioSignIn />;
  // Someone else's item is simply not found: its existence is not revealed.
  const item = await findCreatorItem(creator, (await params).id);
  if (!item) notFound();
  const [totals, sales] = await Promise.all([getSalesTotalsByItem({ creatorId: creator.id }), getSales({ creatorId: creator.id, itemId: item.id, limit: 50 })]);

  return (
    <div className="flex flex-col gap-8" data-testid="studio-item-page">
      <StudioPageHeader title={item.title}>
        <p className="text-sm text-stone-600" data-testid="item-status">
          {item.published ? (
            <>
              Published at <Link href={itemPath(item.slug)} className="text-brand underline">{itemPath(item.slug)}</Link>; agents pay{" "}
              <code className="rounded bg-stone-100 px-1">{downloadPath(item.slug)}</code>.
            </>
          ) : (
            "Draft: only you can see it."
          )}
        </p>
        <Link href={`/studio/items/${item.id}/preview`} className="self-start text-sm font-medium text-brand underline" data-testid="preview-link">
          Preview the public page
        </Link>
        {/* Keyed by the files, so an error such as "Upload at least one file" goes once they change. */}
        <ItemActions key={item.files.map((file) => `${file.id}:${file.isPreview}`).join()} itemId={item.id} published={item.published} />
      </StudioPageHeader>

      {/* A bundle's files are its members': it has none of its own. */}
      {item.kind !== "bundle" && (
        <section className="flex flex-col gap-3">
          <h2 className="text-lg font-semibold">Files</h2>
          <FileManager
            itemId={item.id}
            maxBytes={getEnv().UPLOAD_MAX_BYTES}
            files={item.files.map((file) => ({ id: file.id, name: file.fileName, title: file.title, mimeType: file.mimeType, sizeBytes: file.sizeBytes, sha256: file.sha256, isPreview: file.isPreview }))}
          />
        </section>
      )}

      <section className="grid grid-cols-1 gap-6 md:grid-cols-[max-content_minmax(0,1fr)]">
        <CoverUpload itemId={item.id} hasCover={item.coverKey !== null} maxBytes={Math.min(MAX_COVER_BYTES, getEnv().UPLOAD_MAX_BYTES)} />
        <ItemForm
          itemId={item.id}
          creatorPayout={creator.payoutAddress}
          initial={{
            title: item.title,
            description: item.description,
            kind: item.kind,
            price: formatUsdc(item.priceAtomic),
            pwywMinimum: item.pwywMinimumAtomic === null ? "" : formatUsdc(item.pwywMinimumAtomic),
            payoutAddress: item.payoutAddress ?? "",
            refundPolicy: item.refundPolicy,
            bundleItems: item.bundle?.map((member) => member.slug) ?? [],
            stamped: item.stamped,
          }}
          bundleCandidates={await bundleCandidatesOf(creator.id, item.id)}
        />
      </section>

      <section className="flex flex-col gap-3">
        <h2 className="text-lg font-semibold">Sales of this item</h2>
        <SalesSummary totals={totals.get(item.id) ?? sumTotals([])} csvHref={`/api/studio/sales?item=${item.id}`} />
        <SalesTable sales={sales} explorerUrl={getChainConfig().explorerUrl} creatorWallet={creator.walletAddress} showItem={false} />
      </section>
    </div>
  );
}
