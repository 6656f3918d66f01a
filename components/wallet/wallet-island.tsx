"use client";

import { type ReactNode, Suspense, lazy, useEffect, useState, useSyncExternalStore, useTransition } from "react";
import { NO_WALLET_HELP, describeConnectError } from "./describe-wallet-error";
import { canConnectEarly, connectEarly, useEarlyConnection } from "./early-connect";
import { EarlyConnected } from "./early-connected";
import { useWalletSettings } from "./wallet-settings";

// The wallet stack (wagmi, viem, react-query, connectors) is most of a page's JavaScript: it loads
// in its own chunks, after the page works, and only when this browser has a wallet or the person
// reaches for Connect.
const WalletProviders = lazy(() => import("./wallet-providers").then((module) => ({ default: module.WalletProviders })));

/** Runs `task` when the browser is idle (soon after hydration), or on the next tick where there is no idle callback (Safari). */
export function whenIdle(task: () => void): () => void {
  if (typeof window.requestIdleCallback === "function") {
    const id = window.requestIdleCallback(task, { timeout: 2000 });
    return () => window.cancelIdleCallback(id);
  }
  const id = setTimeout(task, 1);
  return () => clearTimeout(id);
}

let announced = false;

/** Listens for EIP-6963 wallet announcements, after asking for them (extensions answer at once). */
function subscribeToWallets(onChange: () => void): () => void {
  const seen = () => {
    announced = true;
    onChange();
  };
  window.addEventListener("eip6963:announceProvider", seen);
  window.dispatchEvent(new Event("eip6963:requestProvider"));
  return () => window.removeEventListener("eip6963:announceProvider", seen);
}

/** Whether this browser has a wallet: `window.ethereum` or an announcement; unknown (null) while rendering on the server. */
function useWalletInBrowser(): boolean | null {
  return useSyncExternalStore(subscribeToWallets, () => announced || "ethereum" in window, () => null);
}

/**
 * A part of a server-rendered page that needs the wallet. It renders a light Connect placeholder at
 * once; the wallet stack loads when the browser is idle if a wallet is installed (or WalletConnect is
 * offered), or as soon as the person points at, focuses or taps the placeholder; then `children`
 * render inside the providers. A tap on the placeholder connects the wallet at once, even before
 * hydration (components/wallet/early-connect-script.ts), without waiting for the stack.
 * A browser with no wallet never loads it: the placeholder says how to get one.
 */
export function WalletIsland({ children }: { children: ReactNode }) {
  const [wanted, setWanted] = useState(false);
  const [loading, startLoading] = useTransition();
  const walletInBrowser = useWalletInBrowser();
  const { walletConnectProjectId } = useWalletSettings();
  // With WalletConnect a phone wallet can connect from any browser: no help text then.
  const canConnect = Boolean(walletInBrowser || walletConnectProjectId);
  // In a transition, so the placeholder stays mounted and tappable while the stack loads: a tap
  // on a placeholder swapped out between touchstart and click would be lost.
  const want = () => startLoading(() => setWanted(true));
  useEffect(() => (canConnect ? whenIdle(want) : undefined), [canConnect]);
  // A tap before hydration was answered by the page's inline script: the wallet stack is wanted now.
  const tappedEarly = useEarlyConnection().status !== "idle";
  useEffect(() => {
    if (tappedEarly) want();
  }, [tappedEarly]);
  const noWallet = walletInBrowser === false && !walletConnectProjectId;
  const placeholder = <ConnectPlaceholder loading={loading} noWallet={noWallet} onConnect={want} />;
  if (noWallet) return placeholder;
  return (
    <div onPointerEnter={want} onFocus={want} onTouchStart={want}>
      <Suspense fallback={placeholder}>{wanted ? <WalletProviders>{children}</WalletProviders> : placeholder}</Suspense>
    </div>
  );
}

/**
 * Where the wallet's Connect buttons will be. A tap connects the one wallet in the browser at once
 * and loads the wallet stack; with several wallets it only loads the stack, whose list lets the
 * person choose.
 */
function ConnectPlaceholder({ loading, noWallet, onConnect }: { loading: boolean; noWallet: boolean; onConnect: () => void }) {
  const early = useEarlyConnection();
  if (noWallet) {
    return (
      <div className="flex flex-col gap-2" data-testid="wallet-connect">
        <p className="text-sm text-stone-600">{NO_WALLET_HELP}</p>
      </div>
    );
  }
  if (early.status === "connected") return <EarlyConnected address={early.address} />;
  const connecting = early.status === "connecting";
  const waiting = connecting || (loading && !canConnectEarly());
  return (
    <div className="flex flex-col gap-2" data-testid="wallet-placeholder">
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          data-early-connect
          onClick={() => {
            onConnect();
            connectEarly();
          }}
          disabled={waiting}
          aria-busy={waiting}
          className="min-h-11 rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm font-medium hover:border-stone-500 disabled:opacity-50"
        >
          {connecting ? "Confirm in your wallet…" : waiting ? "Loading wallets…" : "Connect wallet"}
        </button>
      </div>
      {early.status === "failed" && (
        <p role="alert" className="text-sm text-red-700">
          {describeConnectError(early.error)}
        </p>
      )}
    </div>
  );
}
