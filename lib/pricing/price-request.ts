import { findDiscountRule } from "@/db/queries/discount-codes";
import type { CatalogItem } from "@/db/queries/catalog";
import { snapshotDiscountRule } from "@/lib/catalog/snapshot";
import { getEnv } from "@/lib/env";
import { parseQueryAmount, readPriceQuery } from "./query";
import { type Quote, type PricingRefusal, quotePrice } from "./quote";

export type PricedRequest = { ok: true; quote: Quote; query: URLSearchParams } | { ok: false; reason: PricingRefusal };

/** The store's most a buyer may choose to pay (PAY_WHAT_YOU_WANT_MAX_USDC), in atomic units. */
export function maxChosenAmount(): bigint {
  return parseQueryAmount(getEnv().PAY_WHAT_YOU_WANT_MAX_USDC) ?? 0n;
}

/**
 * The price a download request asks for (`?code=`, `?amount=`). `fresh` reads the code from the
 * database (a request that may charge or deliver); otherwise from the catalog snapshot, like the
 * item. `query` keeps the buyer's own `code` and `amount` for the 402's resource URL.
 */
export async function priceRequest({ item, search, fresh }: { item: CatalogItem; search: URLSearchParams; fresh: boolean }): Promise<PricedRequest> {
  const parsed = readPriceQuery(search);
  if (!parsed.ok) return parsed;
  const { code } = parsed.query;
  const rule = code === null ? null : fresh ? await findDiscountRule({ creatorId: item.creatorId, code }) : await snapshotDiscountRule({ creatorId: item.creatorId, code });
  const result = quotePrice({ item, query: parsed.query, rule, now: new Date(), maxAtomic: maxChosenAmount() });
  if (!result.ok) return result;
  const query = new URLSearchParams();
  for (const name of ["code", "amount"]) {
    const value = search.get(name);
    if (value) query.set(name, value);
  }
  return { ok: true, quote: result.quote, query };
}
