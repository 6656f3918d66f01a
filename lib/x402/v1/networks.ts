import { EVM_NETWORK_CHAIN_ID_MAP } from "@x402/evm/v1";

/**
 * x402 v1 names networks ("base-sepolia", "base"); v2 uses CAIP-2 ids ("eip155:84532"). The names
 * are the official v1 exact scheme's table: a chain missing from it (the devnet, 31337) has no v1.
 */
export function v1NetworkName(network: string): string | null {
  const chainId = Number(/^eip155:(\d+)$/.exec(network)?.[1]);
  const entry = Object.entries(EVM_NETWORK_CHAIN_ID_MAP).find(([, id]) => id === chainId);
  return entry ? entry[0] : null;
}
