import { WalletAddress } from "./wallet-address";

/** The wallet a tap connected while the wallet stack and checkout are still on their way. */
export function EarlyConnected({ address }: { address: string }) {
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="wallet-connected">
      <WalletAddress address={address} />
      <span className="text-stone-600" role="status">
        Getting the checkout ready…
      </span>
    </div>
  );
}
