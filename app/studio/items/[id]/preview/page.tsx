import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ItemPreview } from "@/components/studio/item-preview";
import { StudioPageHeader } from "@/components/studio/studio-page-header";
import { StudioSignIn } from "@/components/studio/studio-sign-in";
import { currentCreator, findCreatorItem } from "@/lib/studio/current-creator";

export const dynamic = "force-dynamic";
// A draft's preview is private: never indexed, never followed, even if its URL leaks.
export const metadata: Metadata = { title: "Preview — Creator studio", robots: { index: false, follow: false } };

export default async function StudioItemPreviewPage({ params }: { params: Promise<{ id: string }> }) {
  const creator = await currentCreator();
  if (!creator) return <StudioSignIn />;
  // Someone else's item is simply not found, as on the edit page.
  const item = await findCreatorItem(creator, (await params).id);
  if (!item) notFound();
  return (
    <div className="flex flex-col gap-6" data-testid="studio-preview-page">
      <StudioPageHeader title="Preview" />
      <ItemPreview item={item} creator={creator} />
    </div>
  );
}
