"use client";

import { type ComponentProps, useState } from "react";
import type { BuyPanel } from "./buy-panel";
import { LazyBuyPanel } from "./lazy-buy-panel";
import { type ItemPricingProps, type PriceQuote, PriceChooser, QuotedPrice } from "./price-chooser";

/**
 * The item page's price and checkout together: the chooser's quote (a code, a chosen amount) is
 * what the buy panel shows and pays, at the download URL with the same query.
 */
export function ItemCheckout({ pricing, children, ...panel }: ComponentProps<typeof BuyPanel> & { pricing: ItemPricingProps; children?: React.ReactNode }) {
  const listAtomic = BigInt(panel.priceAtomic);
  const [quote, setQuote] = useState<PriceQuote>({ amountAtomic: listAtomic, query: "", code: null });
  return (
    <>
      <QuotedPrice quote={quote} listAtomic={listAtomic} />
      {children}
      <PriceChooser pricing={pricing} downloadPath={panel.downloadPath} onQuote={setQuote} />
      <LazyBuyPanel {...panel} priceAtomic={quote.amountAtomic.toString()} downloadPath={`${panel.downloadPath}${quote.query}`} />
    </>
  );
}
