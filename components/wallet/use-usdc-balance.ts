"use client";

import { erc20Abi } from "viem";
import { useReadContract } from "wagmi";
import { useBrowserChain } from "./browser-chain-context";

/** The connected wallet's USDC balance on the store's chain (a react-query result; nothing asked without a wallet). */
export function useUsdcBalance(address: `0x${string}` | undefined) {
  const chain = useBrowserChain();
  return useReadContract({
    address: chain.usdc,
    abi: erc20Abi,
    functionName: "balanceOf",
    args: address ? [address] : undefined,
    chainId: chain.id,
    query: { enabled: Boolean(address) },
  });
}
