"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { erc20Abi, isAddressEqual } from "viem";
import { useConfig, useConnection, useWriteContract } from "wagmi";
import { waitForTransactionReceipt } from "wagmi/actions";
import { PRIMARY_BUTTON_CLASS } from "@/components/ui/button-class";
import { useBrowserChain } from "@/components/wallet/browser-chain-context";
import { ConnectWallet } from "@/components/wallet/connect-wallet";
import { useUsdcBalance } from "@/components/wallet/use-usdc-balance";
import { isUserRejection } from "@/components/wallet/describe-wallet-error";
import { sendJson } from "@/lib/http/send-json";
import { formatUsdc } from "@/lib/money/usdc";
import { checkRefundAmount } from "@/lib/studio/refund-amount";
import { FormField, INPUT_CLASS } from "./form-field";
import type { RefundableSale } from "./refund-sale";

type Step = { step: "idle" | "sending" | "confirming" | "recording" } | { step: "error"; message: string; field?: "amount" };

const short = (value: string) => `${value.slice(0, 6)}…${value.slice(-4)}`;

const BUSY_TEXT = { sending: "Confirm the transfer in your wallet…", confirming: "Waiting for the transfer to be mined…", recording: "Checking the transfer and recording it…" };

/**
 * The wallet side of *Refund*: checks the amount, the account, the network and the balance before
 * the wallet is asked (each refusal says which and sends nothing), sends an ERC-20 `transfer` of
 * USDC to the buyer, waits for its receipt, then records it through POST /api/studio/refunds, which
 * checks the transfer on-chain as for any refund.
 */
export function RefundWithWallet({ sale, creatorWallet, onUnrecorded }: { sale: RefundableSale; creatorWallet: `0x${string}`; onUnrecorded: (hash: string) => void }) {
  const chain = useBrowserChain();
  const config = useConfig();
  const router = useRouter();
  const connection = useConnection();
  const { writeContractAsync } = useWriteContract();
  const paid = { paidAtomic: BigInt(sale.paidAtomic), refundedAtomic: BigInt(sale.refundedAtomic) };
  const [amount, setAmount] = useState(formatUsdc(paid.paidAtomic - paid.refundedAtomic));
  const [state, setState] = useState<Step>({ step: "idle" });
  const address = connection.status === "connected" ? connection.address : undefined;
  const balance = useUsdcBalance(address);
  const busy = state.step === "sending" || state.step === "confirming" || state.step === "recording";

  async function refund(event: React.FormEvent) {
    event.preventDefault();
    if (busy) return;
    const fail = (message: string, field?: "amount") => setState({ step: "error", message, field });
    const checked = checkRefundAmount(amount, paid);
    if (!checked.ok) return fail(checked.message, "amount");
    if (!address) return fail("Connect your wallet first: the refund is sent from it.");
    // The store records refunds sent from the address the sale paid or from the studio's wallet.
    if (![sale.payTo, creatorWallet].some((sender) => isAddressEqual(sender, address))) {
      const studio = isAddressEqual(sale.payTo, creatorWallet) ? "" : ` or your studio wallet ${short(creatorWallet)}`;
      return fail(`Your wallet's account ${short(address)} is not the address this sale paid (${short(sale.payTo)})${studio}. Switch accounts in your wallet; nothing was sent.`);
    }
    // Ask the wallet itself: a network change may not have reached this render yet.
    if ((await connection.connector?.getChainId()) !== chain.id) return fail(`Your wallet is on another network. Switch to ${chain.name} first; nothing was sent.`);
    const held = (await balance.refetch()).data;
    if (held !== undefined && held < checked.atomic) {
      return fail(`Not enough USDC: this refund is ${formatUsdc(checked.atomic)} USDC and your wallet holds ${formatUsdc(held)}. Nothing was sent.`);
    }
    setState({ step: "sending" });
    let hash: `0x${string}`;
    try {
      hash = await writeContractAsync({ address: chain.usdc, abi: erc20Abi, functionName: "transfer", args: [sale.payer, checked.atomic], chainId: chain.id });
    } catch (error) {
      return fail(isUserRejection(error) ? "You declined the transfer in your wallet. Nothing was sent or recorded." : "The wallet did not send the transfer. Nothing was sent or recorded.");
    }
    setState({ step: "confirming" });
    const receipt = await waitForTransactionReceipt(config, { hash, chainId: chain.id, pollingInterval: 500 }).catch(() => null);
    if (!receipt) {
      onUnrecorded(hash);
      return fail(`The transfer ${short(hash)} was sent, but its confirmation was not seen. Once it is mined, record it below with that transaction.`);
    }
    if (receipt.status !== "success") return fail("The transfer reverted on chain: no USDC moved and nothing was recorded.");
    setState({ step: "recording" });
    const recorded = await sendJson("POST", "/api/studio/refunds", { saleTransaction: sale.transaction, refundTransaction: hash, amount });
    if (!recorded.ok) {
      onUnrecorded(hash);
      return fail(`The USDC was sent (transaction ${short(hash)}), but the store did not record it: ${recorded.message} Record it below with that transaction.`);
    }
    setState({ step: "idle" });
    void balance.refetch();
    router.refresh();
  }

  const amountError = state.step === "error" && state.field === "amount" ? state.message : undefined;
  return (
    <form onSubmit={refund} noValidate className="flex flex-col gap-3" data-testid="refund-with-wallet">
      <ConnectWallet />
      <FormField label="Refund amount (USDC)" hint={`Up to ${formatUsdc(paid.paidAtomic - paid.refundedAtomic)}, sent to ${short(sale.payer)}.`} error={amountError}>
        <input name="amount" inputMode="decimal" value={amount} onChange={(change) => setAmount(change.target.value)} className={`${INPUT_CLASS} w-40`} />
      </FormField>
      <button type="submit" disabled={busy || !address} className={PRIMARY_BUTTON_CLASS}>
        {busy ? BUSY_TEXT[state.step as keyof typeof BUSY_TEXT] : `Send ${amount.trim() || "0"} USDC back`}
      </button>
      {state.step === "error" && !amountError && (
        <p role="alert" className="text-sm text-red-700" data-testid="refund-error">
          {state.message}
        </p>
      )}
      {busy && (
        <p role="status" className="text-sm text-stone-600">
          {BUSY_TEXT[state.step as keyof typeof BUSY_TEXT]}
        </p>
      )}
    </form>
  );
}
