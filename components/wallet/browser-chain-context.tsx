"use client";

import { createContext, useContext } from "react";
import type { BrowserChain } from "@/lib/chain/browser-chain";

export const BrowserChainContext = createContext<BrowserChain | null>(null);

/** The store's chain as the server configured it. */
export function useBrowserChain(): BrowserChain {
  const chain = useContext(BrowserChainContext);
  if (!chain) throw new Error("useBrowserChain must be used inside <WalletSettingsProvider>");
  return chain;
}
