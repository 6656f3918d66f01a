"use client";

import { type ReactNode, Suspense, lazy, useEffect, useState } from "react";

// The wallet stack (wagmi, viem, react-query, connectors) is most of a page's JavaScript: it loads
// in its own chunk, after the page works, and only on pages with a wallet island.
const WalletProviders = lazy(() => import("./wallet-providers").then((module) => ({ default: module.WalletProviders })));

/** Runs `task` when the browser is idle (soon after hydration), or on the next tick where there is no idle callback (Safari). */
function whenIdle(task: () => void): () => void {
  if (typeof window.requestIdleCallback === "function") {
    const id = window.requestIdleCallback(task, { timeout: 2000 });
    return () => window.cancelIdleCallback(id);
  }
  const id = setTimeout(task, 1);
  return () => clearTimeout(id);
}

/**
 * A part of a server-rendered page that needs the wallet. It renders a light Connect placeholder at
 * once, loads the wallet stack when the browser is idle (or sooner, when the person points at,
 * focuses or taps the placeholder), then renders `children` inside the wallet providers.
 */
export function WalletIsland({ children }: { children: ReactNode }) {
  const [wanted, setWanted] = useState(false);
  useEffect(() => (wanted ? undefined : whenIdle(() => setWanted(true))), [wanted]);
  const want = () => setWanted(true);
  const placeholder = <ConnectPlaceholder loading={wanted} onConnect={want} />;
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
function ConnectPlaceholder({ loading, onConnect }: { loading: boolean; onConnect: () => void }) {
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
