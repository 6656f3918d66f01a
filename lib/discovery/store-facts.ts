import type { CatalogItemWithFiles } from "@/db/queries/catalog";
import { payToOf } from "@/lib/catalog/pay-to";
import type { ChainConfig } from "@/lib/chain/networks";
import { formatUsdc } from "@/lib/money/usdc";
import { MAX_TIMEOUT_SECONDS } from "@/lib/x402/requirements";

/** What every discovery document is generated from: the live catalog, the public origin, the chain. */
export type StoreFacts = { items: CatalogItemWithFiles[]; origin: string; chain: Pick<ChainConfig, "network" | "usdc"> };

export const STORE_NAME = "x402 Storefront";

/** The payment terms of an item as the 402 states them today (advisory in discovery: the live 402 decides). */
export function paymentTermsOf(item: CatalogItemWithFiles, chain: StoreFacts["chain"]) {
  return {
    scheme: "exact" as const,
    network: chain.network,
    amount: item.priceAtomic.toString(),
    asset: chain.usdc,
    payTo: payToOf(item),
    maxTimeoutSeconds: MAX_TIMEOUT_SECONDS,
  };
}

/** "1.50": the price in USD-pegged USDC, as discovery price hints are written. */
export const priceInUsd = (item: CatalogItemWithFiles) => formatUsdc(item.priceAtomic);
