/**
 * Names for people, where the protocol has ids: "Base Sepolia" for eip155:84532, "USD Coin (USDC)"
 * for the token's address. Pure, so the buy panel (in the browser) and the receipt page agree.
 */

/** The networks the store can sell on, by chain id (lib/chain/networks.ts), as a wallet names them. */
const NETWORK_NAMES: Record<number, string> = {
  31337: "x402 Storefront devnet",
  84532: "Base Sepolia",
  8453: "Base",
};

/** "eip155:8453" → "Base"; an id the store does not know stays as it is. */
export function networkName(network: string): string {
  const chainId = Number(/^eip155:(\d+)$/.exec(network)?.[1]);
  return NETWORK_NAMES[chainId] ?? network;
}

/** The only token the store is paid in: Circle's USDC, or the devnet's copy of it. */
export const USDC_NAME = "USD Coin (USDC)";

/** 0x1234…abcd: enough to compare with a wallet, short enough for a phone. */
export function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

/**
 * The receipt's number, from the settlement's transaction hash (unique per payment in the
 * store's database): "XS-1A2B-3C4D-5E6F". The same on the purchase panel and the printed page.
 */
export function receiptNumber(transactionHash: string): string {
  const digits = transactionHash.replace(/^0x/, "").slice(0, 12).toUpperCase();
  return `XS-${digits.slice(0, 4)}-${digits.slice(4, 8)}-${digits.slice(8, 12)}`;
}
