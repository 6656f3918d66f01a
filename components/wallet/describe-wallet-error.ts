/** Shown where a Connect button would be when the browser has no wallet at all. */
export const NO_WALLET_HELP =
  "No wallet found in this browser. Install a browser wallet such as MetaMask or Coinbase Wallet and reload this page; on a phone, open this page in your wallet app's browser.";

/** A person pressed Cancel (EIP-1193 code 4001), wherever in the error's causes the wallet said so. */
export function isUserRejection(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if ((cause as { code?: unknown }).code === 4001 || cause.name === "UserRejectedRequestError" || /rejected|denied/i.test(cause.message)) return true;
  }
  return false;
}

/** Why connecting failed, in words; never the wallet's raw text. */
export function describeConnectError(error: Error): string {
  if (error.name === "ProviderNotFoundError") return NO_WALLET_HELP;
  return isUserRejection(error) ? "You declined the connection." : "The wallet could not connect.";
}

/** Why the wallet is still on another network after the store asked it to switch. */
export function describeSwitchError(error: Error, chain: { id: number; name: string }): string {
  if (isUserRejection(error)) return `You declined the switch to ${chain.name}. Your wallet is connected; switch to ${chain.name} to buy.`;
  return `The wallet did not switch networks. Switch to ${chain.name} (chain ${chain.id}) in the wallet.`;
}
