import type { BrowserChain } from "@/lib/chain/browser-chain";
import { formatBytes } from "@/lib/format/bytes";
import { formatUsdc } from "@/lib/money/usdc";
import { shortAddress } from "@/lib/receipts/names";
import type { LibraryFile } from "./owned-panel";

export type Seller = { name: string; payTo: string; wallet: string };

/**
 * Everything a buyer should know before the wallet asks for anything: what it costs, what arrives,
 * who is paid, on which network, that there is no gas, and what the wallet will show (a signature,
 * not a transaction). The balance joins it once a wallet is connected.
 */
export function CheckoutSummary(props: { price: bigint; files: LibraryFile[]; seller: Seller; chain: BrowserChain; balance: bigint | undefined }) {
  const totalBytes = props.files.reduce((sum, file) => sum + file.sizeBytes, 0);
  const rows: [string, React.ReactNode][] = [
    ["You pay", <span key="price" className="font-semibold tabular-nums">{formatUsdc(props.price)} USDC</span>],
    [
      "You get",
      props.files.length === 1
        ? `${props.files[0].fileName} (${formatBytes(totalBytes)})`
        : `${props.files.length} files as one ZIP, ${formatBytes(totalBytes)} in all`,
    ],
    [
      "Seller",
      <span key="seller">
        {props.seller.name}{" "}
        <span className="font-mono text-stone-600" title={props.seller.payTo}>
          {shortAddress(props.seller.payTo)}
        </span>
      </span>,
    ],
    ["Network", props.chain.name],
    ["Gas fee", "No gas fee: the store pays it"],
    [
      "Your wallet shows",
      <span key="wallet">
        A signature request, <q>Transfer with authorization</q> for USD Coin, not a transaction. The USDC moves when the
        store settles it.
      </span>,
    ],
  ];
  if (props.balance !== undefined) {
    rows.push(["Your balance", <span key="balance" className="tabular-nums" data-testid="usdc-balance">{formatUsdc(props.balance)} USDC</span>]);
  }
  return (
    <section aria-labelledby="checkout-summary-heading" className="rounded-lg border border-stone-200 bg-stone-50 p-3 text-sm" data-testid="checkout-summary">
      <h3 id="checkout-summary-heading" className="mb-2 font-semibold">
        Before you pay
      </h3>
      <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-1.5">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-stone-600">{label}</dt>
            <dd className="min-w-0 wrap-anywhere">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
