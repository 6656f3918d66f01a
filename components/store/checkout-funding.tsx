"use client";

import type { BrowserChain } from "@/lib/chain/browser-chain";
import { formatUsdc } from "@/lib/money/usdc";
import { GetTestUsdc } from "./get-test-usdc";

const DEVNET = 31337;
const BASE_SEPOLIA = 84532;
const BASE = 8453;
const LINK = "inline-flex min-h-11 items-center font-semibold text-brand underline";

/** Where USDC comes from on each network the store sells on. */
function HowToGetUsdc({ chain, wallet, onFunded }: { chain: BrowserChain; wallet: string; onFunded: (amount: string) => Promise<unknown> }) {
  if (chain.id === BASE_SEPOLIA) {
    return (
      <p>
        Get free test USDC on Base Sepolia from{" "}
        <a href="https://faucet.circle.com" target="_blank" rel="noreferrer" className={LINK}>
          Circle&apos;s faucet
        </a>
        , then come back.
      </p>
    );
  }
  if (chain.id === BASE) {
    return (
      <p>
        Buy USDC on Base with a card or bank, for example through{" "}
        <a href="https://www.coinbase.com/how-to-buy/usdc" target="_blank" rel="noreferrer" className={LINK}>
          Coinbase
        </a>
        , and send it to this wallet.
      </p>
    );
  }
  if (chain.id !== DEVNET) return null;
  return (
    <>
      <p>This store runs on a local test chain: its USDC is free and worth nothing.</p>
      <GetTestUsdc wallet={wallet} onMinted={onFunded} />
    </>
  );
}

/** Said before the click, not after: the balance does not cover the price, and how to fix that. */
export function NotEnoughUsdc(props: { price: bigint; balance: bigint; chain: BrowserChain; wallet: string; onFunded: (amount: string) => Promise<unknown> }) {
  return (
    <div className="flex flex-col gap-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950" data-testid="not-enough-usdc">
      <p className="font-semibold">Not enough USDC</p>
      <p>
        This costs {formatUsdc(props.price)} USDC and your wallet holds {formatUsdc(props.balance)} USDC.
      </p>
      <HowToGetUsdc chain={props.chain} wallet={props.wallet} onFunded={props.onFunded} />
    </div>
  );
}
