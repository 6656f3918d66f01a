import type { Metadata } from "next";
import { ItemForm } from "@/components/studio/item-form";
import { StudioPageHeader } from "@/components/studio/studio-page-header";
import { StudioSignIn } from "@/components/studio/studio-sign-in";
import { bundleCandidatesOf } from "@/lib/studio/bundle-candidates";
import { currentCreator } from "@/lib/studio/current-creator";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New item — Creator studio" };

export default async function NewItemPage() {
  const creator = await currentCreator();
  if (!creator) return <StudioSignIn />;
  return (
    <div className="flex flex-col gap-6">
      <StudioPageHeader title="New item">
        <p className="text-sm text-stone-600">It starts as a draft: add files and a cover next, then publish.</p>
      </StudioPageHeader>
      <ItemForm creatorPayout={creator.payoutAddress} bundleCandidates={await bundleCandidatesOf(creator.id)} />
    </div>
  );
}
