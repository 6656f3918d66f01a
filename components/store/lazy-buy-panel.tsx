"use client";

import { type ComponentProps, Suspense, lazy } from "react";
import { WalletIsland } from "@/components/wallet/wallet-island";
import type { BuyPanel as EagerBuyPanel } from "./buy-panel";

// Two chunks: Connect needs only wagmi; the checkout (x402 client, receipts, owned state) follows.
const ConnectWallet = lazy(() => import("@/components/wallet/connect-wallet").then((module) => ({ default: module.ConnectWallet })));
const BuyPanel = lazy(() => import("./buy-panel").then((module) => ({ default: module.BuyPanel })));

/**
 * The item page's buy panel without the wallet stack in the page's own JavaScript: a Connect
 * placeholder first, the wallet's Connect buttons as soon as wagmi arrives, then the full panel.
 */
export function LazyBuyPanel(props: ComponentProps<typeof EagerBuyPanel>) {
  return (
    <WalletIsland>
      <Suspense fallback={<ConnectWallet />}>
        <BuyPanel {...props} />
      </Suspense>
    </WalletIsland>
  );
}
