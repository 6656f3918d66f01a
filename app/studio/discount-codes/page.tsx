import type { Metadata } from "next";
import { DiscountCodeForm } from "@/components/studio/discount-code-form";
import { DiscountCodeList } from "@/components/studio/discount-code-list";
import { StudioPageHeader } from "@/components/studio/studio-page-header";
import { StudioSignIn } from "@/components/studio/studio-sign-in";
import { getDiscountCodesOfCreator } from "@/db/queries/discount-codes";
import { getItemsOfCreator } from "@/db/queries/studio-items";
import { discountCodeJson } from "@/lib/studio/discount-code-json";
import { currentCreator } from "@/lib/studio/current-creator";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Discount codes — Creator studio" };

export default async function DiscountCodesPage() {
  const creator = await currentCreator();
  if (!creator) return <StudioSignIn />;
  const [codes, items] = await Promise.all([getDiscountCodesOfCreator({ creatorId: creator.id }), getItemsOfCreator({ creatorId: creator.id })]);
  return (
    <div className="flex flex-col gap-8">
      <StudioPageHeader title="Discount codes">
        <p className="text-sm text-stone-600">
          Buyers type a code on the item page; agents add <code className="font-mono">?code=</code> to the download URL. A use is taken when a payment is
          claimed and given back if it fails.
        </p>
      </StudioPageHeader>
      <section className="flex flex-col gap-3">
        <h2 className="text-lg font-semibold">Your codes</h2>
        <DiscountCodeList codes={codes.map(discountCodeJson)} />
      </section>
      <section className="flex flex-col gap-3">
        <h2 className="text-lg font-semibold">New code</h2>
        <DiscountCodeForm items={items.map((item) => ({ id: item.id, title: item.title }))} />
      </section>
    </div>
  );
}
