import type { Metadata } from "next";
import { LibrarySignIn } from "@/components/library/library-sign-in";
import { PurchaseList } from "@/components/library/purchase-list";
import { SignOutButton } from "@/components/ui/sign-out-button";
import { getPurchasesOf } from "@/db/queries/purchases";
import { currentBuyer } from "@/lib/auth/current-buyer";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "My library" };

export default async function LibraryPage() {
  const buyer = await currentBuyer();
  return (
    <div className="flex flex-col gap-6">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-3xl font-bold tracking-tight">My library</h1>
        {buyer && (
          <span className="flex min-w-0 flex-wrap items-center gap-3 text-sm text-stone-600">
            <span className="font-mono wrap-anywhere" data-testid="library-wallet">{buyer}</span>
            <SignOutButton sessionPath="/api/library/session" />
          </span>
        )}
      </header>
      {buyer ? <PurchaseList purchases={await getPurchasesOf({ payer: buyer })} /> : <LibrarySignIn />}
    </div>
  );
}
