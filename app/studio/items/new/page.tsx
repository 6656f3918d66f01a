import type { Metadata } from "next";
import Link from "next/link";
import { ItemForm } from "@/components/studio/item-form";
import { StudioSignIn } from "@/components/studio/studio-sign-in";
import { currentCreator } from "@/lib/studio/current-creator";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New item — Creator studio" };

export default async function NewItemPage() {
  const creator = await currentCreator();
  if (!creator) return <StudioSignIn />;
  return (
    <div className="flex flex-col gap-6">
      <Link href="/studio" className="text-sm text-brand underline">
        ← Studio
      </Link>
      <h1 className="text-3xl font-bold tracking-tight">New item</h1>
      <p className="text-sm text-stone-600">It starts as a draft: add files and a cover next, then publish.</p>
      <ItemForm creatorPayout={creator.payoutAddress} />
    </div>
  );
}
