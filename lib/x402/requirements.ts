import type { PaymentRequirements } from "@x402/core/types";
import type { CatalogItemWithFiles } from "@/db/queries/catalog";
import type { Payment } from "@/db/schema";
import { payToOf } from "@/lib/catalog/pay-to";
import { USDC_DECIMALS } from "@/lib/money/usdc";
import { type Paywall, getPaywall } from "./resource-server";

/** How long a signed authorization may take to settle. */
export const MAX_TIMEOUT_SECONDS = 300;

/** The exact-scheme requirements for paying `amountAtomic` of the store's USDC to `payTo`. */
function buildRequirements(paywall: Paywall, terms: { payTo: string; amountAtomic: bigint }): Promise<PaymentRequirements[]> {
  return paywall.server.buildPaymentRequirements({
    scheme: "exact",
    network: paywall.chain.network,
    payTo: terms.payTo,
    price: {
      amount: terms.amountAtomic.toString(),
      asset: paywall.chain.usdc,
      extra: { name: paywall.tokenDomain.name, version: paywall.tokenDomain.version, decimals: USDC_DECIMALS },
    },
    maxTimeoutSeconds: MAX_TIMEOUT_SECONDS,
  });
}

// Built once per item row read (a snapshot's item, or the row a paying request read) and paywall:
// an item object is never changed after it was read, a change makes a new one. Only the item's
// own price is kept: a quoted amount (a code, a chosen amount) is built for its request.
const built = new WeakMap<CatalogItemWithFiles, { paywall: Paywall; requirements: Promise<PaymentRequirements[]> }>();

/**
 * What the item costs, from the row given: the snapshot's for a 402, the database's at payment
 * time; `amountAtomic` is the request's quote (lib/pricing) when it differs from the price.
 */
export function requirementsForItem(paywall: Paywall, item: CatalogItemWithFiles, amountAtomic = item.priceAtomic): Promise<PaymentRequirements[]> {
  if (amountAtomic !== item.priceAtomic) return buildRequirements(paywall, { payTo: payToOf(item), amountAtomic });
  const known = built.get(item);
  if (known?.paywall === paywall) return known.requirements;
  const requirements = buildRequirements(paywall, { payTo: payToOf(item), amountAtomic: item.priceAtomic });
  built.set(item, { paywall, requirements });
  requirements.catch(() => built.delete(item));
  return requirements;
}

/**
 * The paywall and what the item costs now, for every door an item is sold through (download URL,
 * MCP). Null when the facilitator or the RPC cannot be reached: the caller answers "try again".
 */
export async function currentTermsFor(item: CatalogItemWithFiles, amountAtomic = item.priceAtomic): Promise<{ paywall: Paywall; requirements: PaymentRequirements[] } | null> {
  try {
    const paywall = await getPaywall();
    return { paywall, requirements: await requirementsForItem(paywall, item, amountAtomic) };
  } catch {
    return null;
  }
}

/** What a payment the store already holds was signed for: its own amount and payTo, whatever the item costs today. */
export async function requirementsOfHeldPayment(paywall: Paywall, held: Payment): Promise<PaymentRequirements> {
  const [requirements] = await buildRequirements(paywall, { payTo: held.payTo, amountAtomic: held.amountAtomic });
  return requirements;
}
