"use client";

import { decodePaymentResponseHeader } from "@x402/fetch";
import { useRef, useState } from "react";
import { useConnection, useSignMessage, useSignTypedData } from "wagmi";
import { ConnectWallet } from "@/components/wallet/connect-wallet";
import { useUsdcBalance } from "@/components/wallet/use-usdc-balance";
import { useBrowserChain } from "@/components/wallet/browser-chain-context";
import { formatUsdc } from "@/lib/money/usdc";
import { createPayingFetch } from "@/lib/x402/paying-fetch";
import { NotEnoughUsdc } from "./checkout-funding";
import { OwnItemNotice } from "./checkout-own-item";
import { type CheckoutStep, CheckoutSteps } from "./checkout-steps";
import { CheckoutSummary, type Seller } from "./checkout-summary";
import { describeBuyError, describeRefusal } from "./describe-buy-error";
import { type LibraryFile, OwnedPanel } from "./owned-panel";
import { PurchaseReceipt, type Receipt } from "./purchase-receipt";
import { type DownloadedFile, readDownload, saveFile } from "./save-download";
import { claimWithSiwx, downloadWithSiwx } from "./siwx-download";
import { type BarAction, StickyBuyBar } from "./sticky-buy-bar";
import { useOwnership } from "./use-ownership";

type BuyState =
  | { step: "idle" }
  | { step: "signing" }
  | { step: "settling" }
  | { step: "downloading"; progress: number | null }
  | { step: "done"; file: DownloadedFile; receipt: Receipt }
  | { step: "redownloaded"; file: DownloadedFile }
  | { step: "claimed"; file: DownloadedFile }
  | { step: "error"; message: string; wrongNetwork?: true };

const BUTTON_LABEL: Partial<Record<BuyState["step"], string>> = {
  signing: "Confirm in your wallet…",
  settling: "Settling the payment…",
  downloading: "Downloading…",
};

// After settlement a failure must not say "nothing was charged", nor invite a second payment.
const PAID_NOT_DELIVERED = "Your payment went through, but this page lost touch with the store before it finished. Your purchase is in My library: download it there; do not buy it again.";

/**
 * The checkout: what the purchase is (summary), Connect, the balance and how to top it up, Buy:
 * sign the EIP-3009 authorization, settle, download, receipt. A wallet that already bought the item
 * gets the owned state instead (components/store/owned-panel.tsx); the item's creator gets a way
 * to the studio.
 */
export function BuyPanel({
  slug,
  title,
  priceAtomic,
  downloadPath,
  files,
  seller,
  studioPath,
  libraryWallet,
}: {
  slug: string;
  title: string;
  priceAtomic: string;
  downloadPath: string;
  /** The item's paid files, for downloads through the library session. */
  files: LibraryFile[];
  /** Who is paid: the creator's name, payout address and (to recognise them) wallet. */
  seller: Seller;
  /** The item in the creator's studio. */
  studioPath: string;
  /** The wallet signed in to the library in this browser, if any. */
  libraryWallet: string | null;
}) {
  const chain = useBrowserChain();
  const connection = useConnection();
  const { signTypedDataAsync } = useSignTypedData();
  const { signMessageAsync } = useSignMessage();
  const [state, setState] = useState<BuyState>({ step: "idle" });
  /** What Get test USDC added, said after the shortfall notice (and its button) has gone. */
  const [funded, setFunded] = useState<string | null>(null);
  const busy = useRef(false);
  const price = BigInt(priceAtomic);
  const address = connection.status === "connected" ? connection.address : undefined;
  const balance = useUsdcBalance(address);
  const ownership = useOwnership(slug, address);
  const librarySession = Boolean(address && libraryWallet?.toLowerCase() === address.toLowerCase());
  const ownItem = Boolean(address && seller.wallet.toLowerCase() === address.toLowerCase());
  const short = address !== undefined && balance.data !== undefined && balance.data < price;
  // A 100 %-off code or 0 chosen: claimed with one Sign-In-With-X signature, no payment, no transaction.
  const free = price === 0n;
  const actions = useRef<HTMLDivElement>(null);

  /** `again`: the buyer confirmed paying for an item this wallet already owns. */
  async function buy({ again }: { again: boolean }) {
    // A double click must never sign twice: the ref flips before any await.
    if (busy.current || !address) return;
    busy.current = true;
    let paid = false;
    try {
      // Asked at the click, not only at page load: a purchase in another tab counts too. If the
      // answer says owned, the panel turns to the owned state and nothing is signed.
      if (!again && (await ownership.recheck())) return;
      // Ask the wallet itself: a network change may not have reached this render yet.
      if ((await connection.connector?.getChainId()) !== chain.id) {
        setState({ step: "error", message: `Your wallet is on another network. Switch to ${chain.name} first.`, wrongNetwork: true });
        return;
      }
      const fresh = await balance.refetch();
      if (fresh.data !== undefined && fresh.data < price) {
        const hint = chain.testnet && chain.name !== "x402 Storefront devnet" ? " Get test USDC from Circle's faucet (faucet.circle.com)." : "";
        setState({ step: "error", message: `Not enough USDC: this costs ${formatUsdc(price)} USDC and your wallet holds ${formatUsdc(fresh.data)}.${hint}` });
        return;
      }
      setState({ step: "signing" });
      const payingFetch = createPayingFetch({
        signer: {
          address,
          signTypedData: async (message) => {
            const signature = await signTypedDataAsync(message as Parameters<typeof signTypedDataAsync>[0]);
            // Signed: from here the store verifies and settles on chain; the wallet has nothing left to ask.
            setState({ step: "settling" });
            return signature;
          },
        },
        network: chain.network,
        asset: chain.usdc,
        // Never more than the price shown on this page.
        maxAtomicPerPayment: price,
      });
      const response = await payingFetch(downloadPath);
      if (!response.ok) {
        setState({ step: "error", message: await describeRefusal(response) });
        return;
      }
      // Settled: the balance has changed whatever happens to the download or the receipt below.
      paid = true;
      void balance.refetch();
      setState({ step: "downloading", progress: 0 });
      const settlement = decodePaymentResponseHeader(response.headers.get("payment-response") ?? "");
      const file = await readDownload(response, slug, (progress) => setState({ step: "downloading", progress }));
      saveFile(file);
      const receipt = (await (await fetch(`/api/receipts/${settlement.transaction}`)).json()) as Receipt;
      setState({ step: "done", file, receipt });
      ownership.markOwned();
    } catch (error) {
      setState({ step: "error", message: paid ? PAID_NOT_DELIVERED : describeBuyError(error) });
      if (paid) ownership.markOwned();
    } finally {
      busy.current = false;
    }
  }

  async function claimFree() {
    if (busy.current || !address) return;
    busy.current = true;
    try {
      setState({ step: "signing" });
      const { response, signed } = await claimWithSiwx(downloadPath, { address, signMessage: (message) => signMessageAsync({ message }) });
      if (!response.ok) {
        setState({ step: "error", message: signed ? await describeRefusal(response) : "Your wallet did not sign. Nothing was claimed." });
        return;
      }
      setState({ step: "downloading", progress: 0 });
      const file = await readDownload(response, slug, (progress) => setState({ step: "downloading", progress }));
      saveFile(file);
      setState({ step: "claimed", file });
      ownership.markOwned();
    } catch (error) {
      setState({ step: "error", message: describeBuyError(error) });
    } finally {
      busy.current = false;
    }
  }

  async function downloadAgain() {
    if (busy.current || !address) return;
    busy.current = true;
    try {
      setState({ step: "downloading", progress: 0 });
      const { response, signed } = await downloadWithSiwx(downloadPath, { address, signMessage: (message) => signMessageAsync({ message }) });
      if (!response.ok) {
        setState({ step: "error", message: signed ? await describeRefusal(response) : "Your wallet did not sign. Nothing was downloaded or charged." });
        return;
      }
      const file = await readDownload(response, slug, (progress) => setState({ step: "downloading", progress }));
      saveFile(file);
      setState({ step: "redownloaded", file });
    } catch (error) {
      setState({ step: "error", message: describeBuyError(error) });
    } finally {
      busy.current = false;
    }
  }

  const working = state.step === "signing" || state.step === "settling" || state.step === "downloading";
  const showsBuy = Boolean(address) && !ownItem && !ownership.owned;
  const progress = checkoutStep(state);
  const barAction: BarAction = !address
    ? { label: "Connect wallet", buys: false }
    : ownership.owned
      ? { label: "Download", buys: false }
      : short
        ? { label: "Get USDC", buys: false }
        : { label: BUTTON_LABEL[state.step] ?? "Buy", buys: true, disabled: working || ownership.checking };
  return (
    <div className="flex flex-col gap-3" data-testid="buy-panel">
      {!ownItem && <CheckoutSummary price={price} files={files} seller={seller} chain={chain} balance={address ? balance.data : undefined} />}
      <div ref={actions} className="flex flex-col gap-3">
        <ConnectWallet />
        {ownItem && <OwnItemNotice studioHref={studioPath} />}
        {showsBuy && short && balance.data !== undefined && (
          <NotEnoughUsdc
            price={price}
            balance={balance.data}
            chain={chain}
            wallet={address!}
            onFunded={(amount) => {
              setFunded(`Added ${amount} to your wallet.`);
              return balance.refetch();
            }}
          />
        )}
        {funded && state.step === "idle" && (
          <p role="status" className="text-sm text-green-900" data-testid="faucet-result">
            {funded}
          </p>
        )}
        {address && !ownItem && ownership.owned && (
          <OwnedPanel
            price={price}
            libraryFiles={librarySession ? files : null}
            onDownload={downloadAgain}
            downloading={state.step === "downloading"}
            onBuyAgain={() => void buy({ again: true })}
            buying={state.step === "signing" || state.step === "settling"}
          />
        )}
        {showsBuy && free && (
          <button
            type="button"
            onClick={() => void claimFree()}
            disabled={working || ownership.checking}
            className="min-h-11 rounded-lg bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark disabled:opacity-60"
            data-testid="claim-button"
          >
            {state.step === "signing" ? "Sign in your wallet…" : "Claim for free"}
          </button>
        )}
        {showsBuy && !free && (
          <button
            type="button"
            onClick={() => void buy({ again: false })}
            disabled={working || ownership.checking || short}
            className="min-h-11 rounded-lg bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark disabled:opacity-60"
            data-testid="buy-button"
          >
            {BUTTON_LABEL[state.step] ?? `Buy for ${formatUsdc(price)} USDC`}
          </button>
        )}
      </div>
      {progress && <CheckoutSteps step={progress} />}
      {state.step === "downloading" && (
        <progress className="w-full" max={1} value={state.progress ?? undefined} aria-label="Download progress" />
      )}
      {state.step === "error" && !(state.wrongNetwork && connection.chainId === chain.id) && (
        <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800" data-testid="buy-error">
          {state.message}
        </p>
      )}
      {state.step === "redownloaded" && (
        <p role="status" className="text-sm text-green-900" data-testid="redownload-saved">
          Saved {state.file.fileName} again. Nothing was charged.
        </p>
      )}
      {state.step === "claimed" && (
        <p role="status" className="text-sm text-green-900" data-testid="claim-saved">
          Saved {state.file.fileName}. It is in your library; nothing was charged and no transaction was made.
        </p>
      )}
      {state.step === "done" && (
        <PurchaseReceipt receipt={state.receipt} file={state.file} title={title} files={files} seller={seller} explorerUrl={chain.explorerUrl} />
      )}
      {!ownItem && <StickyBuyBar price={price} watch={actions} action={barAction} onBuy={() => void buy({ again: false })} />}
    </div>
  );
}

function checkoutStep(state: BuyState): CheckoutStep | null {
  return state.step === "signing" || state.step === "settling" || state.step === "downloading" || state.step === "done" ? state.step : null;
}
