"use client";

import { lazy, useState } from "react";
import { WalletIsland } from "@/components/wallet/wallet-island";
import { formatUsdc } from "@/lib/money/usdc";
import { RefundForm } from "./refund-form";

const RefundWithWallet = lazy(() => import("./refund-with-wallet").then((module) => ({ default: module.RefundWithWallet })));

export type RefundableSale = {
  transaction: string;
  payer: `0x${string}`;
  payTo: `0x${string}`;
  paidAtomic: string;
  refundedAtomic: string;
};

/**
 * *Refund* on a sale: the creator's wallet sends the USDC back (the wallet stack loads only when
 * opened), then the store records it after checking the transfer on-chain. Recording a transfer
 * sent some other way (a hardware or multisig payout wallet, or a send whose recording failed) stays
 * possible below it, with the transaction hash.
 */
export function RefundSale({ sale, creatorWallet }: { sale: RefundableSale; creatorWallet: `0x${string}` }) {
  const [open, setOpen] = useState(false);
  const [unrecorded, setUnrecorded] = useState<string | null>(null);
  const left = formatUsdc(BigInt(sale.paidAtomic) - BigInt(sale.refundedAtomic));
  if (!open) {
    return (
      <button type="button" className="min-h-11 rounded-lg border border-stone-300 px-3 text-sm hover:bg-stone-50" onClick={() => setOpen(true)}>
        Refund
      </button>
    );
  }
  return (
    <div className="flex min-w-72 flex-col gap-3 rounded-lg border border-stone-200 bg-stone-50 p-3" data-testid="refund-panel">
      <WalletIsland>
        <RefundWithWallet sale={sale} creatorWallet={creatorWallet} onUnrecorded={setUnrecorded} />
      </WalletIsland>
      <RefundForm
        key={unrecorded ?? "manual"}
        saleTransaction={sale.transaction}
        defaultAmount={left}
        defaultTransaction={unrecorded ?? ""}
        initiallyOpen={unrecorded !== null}
      />
      <button type="button" className="min-h-11 self-start text-sm text-stone-600 underline" onClick={() => setOpen(false)}>
        Close
      </button>
    </div>
  );
}
