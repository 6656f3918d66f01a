"use client";

import { type ReactNode, Suspense, lazy, useEffect, useState, useSyncExternalStore } from "react";
import { NO_WALLET_HELP } from "./describe-wallet-error";
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
 * render inside the providers.
 * A browser with no wallet never loads it: the placeholder says how to get one.
 */
export function WalletIsland({ children }: { children: ReactNode }) {
  const [wanted, setWanted] = useState(false);
  const walletInBrowser = useWalletInBrowser();
  const { walletConnectProjectId } = useWalletSettings();
  // With WalletConnect a phone wallet can connect from any browser: no help text then.
  const canConnect = Boolean(walletInBrowser || walletConnectProjectId);
  useEffect(() => (canConnect ? whenIdle(() => setWanted(true)) : undefined), [canConnect]);
  const noWallet = walletInBrowser === false && !walletConnectProjectId;
  const want = () => setWanted(true);
  const placeholder = <ConnectPlaceholder loading={wanted} noWallet={noWallet} onConnect={want} />;
  if (noWallet) return placeholder;
  if (!wanted) {
    return (
      <div onPointerEnter={want} onFocus={want} onTouchStart={want}>
        {placeholder}
      </div>
    );
  }
  return (
    <Suspense fallback={placeholder}>
      <WalletProviders>{children}</WalletProviders>
    </Suspense>
  );
}

/** Where the wallet's Connect buttons will be: a tap loads the wallet now instead of at idle time. */
function ConnectPlaceholder({ loading, noWallet, onConnect }: { loading: boolean; noWallet: boolean; onConnect: () => void }) {
  if (noWallet) {
    return (
      <div className="flex flex-col gap-2" data-testid="wallet-connect">
        <p className="text-sm text-stone-600">{NO_WALLET_HELP}</p>
      </div>
    );
  }
  return (
    <div className="flex flex-wrap gap-2" data-testid="wallet-placeholder">
      <button
        type="button"
        onClick={onConnect}
        disabled={loading}
        aria-busy={loading}
        className="rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm font-medium hover:border-stone-500 disabled:opacity-50"
      >
        {loading ? "Loading wallets…" : "Connect wallet"}
      </button>
    </div>
  );
}
