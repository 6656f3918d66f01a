"use client";

import { type ReactNode, createContext, useContext } from "react";
import type { BrowserChain } from "@/lib/chain/browser-chain";
import { BrowserChainContext } from "./browser-chain-context";

export type WalletSettings = { chain: BrowserChain; walletConnectProjectId?: string };

const WalletSettingsContext = createContext<WalletSettings | null>(null);

/**
 * What the wallet will need, known only at run time on the server: the store's chain and the
 * WalletConnect project id. Plain context, no wallet code: every page carries it, and the wallet
 * stack (components/wallet/wallet-providers.tsx) loads only where a wallet component mounts.
 */
export function WalletSettingsProvider({ settings, children }: { settings: WalletSettings; children: ReactNode }) {
  return (
    <WalletSettingsContext.Provider value={settings}>
      <BrowserChainContext.Provider value={settings.chain}>{children}</BrowserChainContext.Provider>
    </WalletSettingsContext.Provider>
  );
}

export function useWalletSettings(): WalletSettings {
  const settings = useContext(WalletSettingsContext);
  if (!settings) throw new Error("useWalletSettings must be used inside <WalletSettingsProvider>");
  return settings;
}
