import type { Payment, Refund, WebhookEventType } from "@/db/schema";

/** The sale as receivers see it: amounts are USDC atomic units (6 decimals) as decimal strings. */
export type SaleFacts = Pick<Payment, "id" | "payer" | "payTo" | "amountAtomic" | "asset" | "network" | "transactionHash" | "settledAt"> & {
  item: { id: string; slug: string; title: string };
};

function saleJson(sale: SaleFacts) {
  return {
    id: sale.id,
    transaction: sale.transactionHash,
    item: sale.item,
    payer: sale.payer,
    payTo: sale.payTo,
    amountAtomic: sale.amountAtomic.toString(),
    asset: sale.asset,
    network: sale.network,
    settledAt: sale.settledAt?.toISOString() ?? null,
  };
}

export type EventFacts = { type: "sale.settled"; sale: SaleFacts } | { type: "refund.recorded"; sale: SaleFacts; refund: Refund };

/**
 * The JSON body of an event, fixed when the event is written: every attempt and every resend sends
 * these same bytes, and `id` is what a receiver deduplicates by.
 */
export function eventBody(eventId: string, createdAt: Date, facts: EventFacts): { type: WebhookEventType; body: string } {
  const data =
    facts.type === "sale.settled"
      ? { sale: saleJson(facts.sale) }
      : {
          refund: {
            id: facts.refund.id,
            transaction: facts.refund.transactionHash,
            amountAtomic: facts.refund.amountAtomic.toString(),
            note: facts.refund.note,
            recordedAt: facts.refund.createdAt.toISOString(),
          },
          sale: saleJson(facts.sale),
        };
  return { type: facts.type, body: JSON.stringify({ id: eventId, type: facts.type, createdAt: createdAt.toISOString(), data }) };
}
