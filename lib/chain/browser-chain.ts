import { getChainConfig } from "./config";

/** What the browser's wallet needs to know about the store's chain: serialisable, no secrets. */
export type BrowserChain = {
  id: number;
  name: string;
  network: `eip155:${number}`;
  /** The RPC the wallet and page read from: PUBLIC_RPC_URL, the devnet's, or the chain's public one. */
  rpcUrl: string;
  usdc: `0x${string}`;
  explorerUrl: string | null;
  testnet: boolean;
};

export function getBrowserChain(publicRpcUrl?: string): BrowserChain {
  const chain = getChainConfig();
  // RPC_URL may carry a provider API key: only the devnet's local URL is shown to browsers.
  const rpcUrl = publicRpcUrl ?? (chain.name === "devnet" ? chain.rpcUrl : chain.chain.rpcUrls.default.http[0]);
  return {
    id: chain.chainId,
    name: chain.name === "devnet" ? "x402 Storefront devnet" : chain.chain.name,
    network: chain.network,
    rpcUrl,
    usdc: chain.usdc,
    explorerUrl: chain.explorerUrl ?? null,
    testnet: chain.testnet,
  };
}
