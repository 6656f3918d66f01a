import { shortAddress } from "@/lib/receipts/names";

/** The connected wallet, short, with the full address on hover. */
export function WalletAddress({ address }: { address: string }) {
  return (
    <span className="rounded-full bg-stone-100 px-3 py-1 font-mono" title={address}>
      {shortAddress(address)}
    </span>
  );
}
