"use client";

import { type ComponentProps, Suspense, lazy, useEffect, useState } from "react";
import { WalletIsland, whenIdle } from "@/components/wallet/wallet-island";
import type { BuyPanel as EagerBuyPanel } from "./buy-panel";

// Two steps: Connect needs only wagmi; the checkout (x402 client, Sign-In-With-X, receipts, owned
// state) is asked for once Connect is on screen, so it does not compete with it for a slow link.
const ConnectWallet = lazy(() => import("@/components/wallet/connect-wallet").then((module) => ({ default: module.ConnectWallet })));
const BuyPanel = lazy(() => import("./buy-panel").then((module) => ({ default: module.BuyPanel })));

function ConnectThenBuyPanel(props: ComponentProps<typeof EagerBuyPanel>) {
  const [checkoutWanted, setCheckoutWanted] = useState(false);
  useEffect(() => whenIdle(() => setCheckoutWanted(true)), []);
  const connect = <ConnectWallet />;
  if (!checkoutWanted) return connect;
  return (
    <Suspense fallback={connect}>
      <BuyPanel {...props} />
    </Suspense>
  );
}

/**
 * The item page's buy panel without the wallet stack in the page's own JavaScript: a Connect
 * placeholder first, the wallet's Connect buttons as soon as wagmi arrives, then the full panel.
 */
export function LazyBuyPanel(props: ComponentProps<typeof EagerBuyPanel>) {
  return (
    <WalletIsland>
      <ConnectThenBuyPanel {...props} />
    </WalletIsland>
  );
}
