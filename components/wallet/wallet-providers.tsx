"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { defineChain, http } from "viem";
import { WagmiProvider, createConfig } from "wagmi";
import { injected, walletConnect } from "wagmi/connectors";
import type { BrowserChain } from "@/lib/chain/browser-chain";
import { useWalletSettings } from "./wallet-settings";

function toViemChain(chain: BrowserChain) {
  return defineChain({
    id: chain.id,
    name: chain.name,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [chain.rpcUrl] } },
    blockExplorers: chain.explorerUrl ? { default: { name: "Explorer", url: chain.explorerUrl } } : undefined,
    testnet: chain.testnet,
  });
}

/**
 * wagmi and react-query for the wallet. Wallets announce themselves over EIP-6963 (MetaMask,
 * Rabby, Coinbase Wallet, … by name and icon); `injected()` covers one that only sets
 * `window.ethereum`; WalletConnect (phone wallets) only when the store has a project id.
 * Loaded lazily, only by the wallet islands (components/wallet/wallet-island.tsx).
 */
export function WalletProviders({ children }: { children: ReactNode }) {
  const { chain, walletConnectProjectId } = useWalletSettings();
  const [config] = useState(() =>
    createConfig({
      chains: [toViemChain(chain)],
      connectors: walletConnectProjectId
        ? [injected(), walletConnect({ projectId: walletConnectProjectId, showQrModal: true })]
        : [injected()],
      multiInjectedProviderDiscovery: true,
      transports: { [chain.id]: http(chain.rpcUrl) },
      ssr: true,
    }),
  );
  const [queryClient] = useState(() => new QueryClient());
  return (
    <WagmiProvider config={config}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </WagmiProvider>
  );
}
