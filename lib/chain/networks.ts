import type { Address } from "viem";
import { type Chain, base, baseSepolia, foundry } from "viem/chains";
import { type Env, type NetworkName } from "@/lib/env";

type NetworkPreset = {
  chain: Chain;
  /** Circle's USDC on public chains; the devnet's is deployed at start. */
  usdc?: Address;
  explorerUrl?: string;
  testnet: boolean;
};

const PRESETS: Record<NetworkName, NetworkPreset> = {
  devnet: { chain: foundry, testnet: true },
  "base-sepolia": {
    chain: baseSepolia,
    usdc: "0x036CbD53842c5426634e7929541eC2318f3dCF7e",
    explorerUrl: "https://sepolia.basescan.org",
    testnet: true,
  },
  base: {
    chain: base,
    usdc: "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913",
    explorerUrl: "https://basescan.org",
    testnet: false,
  },
};

export type ChainConfig = {
  name: NetworkName;
  chain: Chain;
  chainId: number;
  /** CAIP-2 id, as x402 names networks: eip155:8453. */
  network: `eip155:${number}`;
  rpcUrl: string;
  usdc: Address;
  explorerUrl?: string;
  testnet: boolean;
};

export function presetFor(name: NetworkName): NetworkPreset {
  return PRESETS[name];
}

/** The chain the store sells on, from configuration. */
export function chainConfigFrom(env: Env): ChainConfig {
  const preset = PRESETS[env.NETWORK];
  const rpcUrl = env.RPC_URL ?? preset.chain.rpcUrls.default.http[0];
  const usdc = env.USDC_ADDRESS ?? preset.usdc;
  if (!usdc) throw new Error("USDC_ADDRESS is not set (the start command sets it on the devnet)");
  return {
    name: env.NETWORK,
    chain: preset.chain,
    chainId: preset.chain.id,
    network: `eip155:${preset.chain.id}`,
    rpcUrl,
    usdc,
    explorerUrl: preset.explorerUrl,
    testnet: preset.testnet,
  };
}
