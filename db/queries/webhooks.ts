import "server-only";
import { randomUUID } from "node:crypto";
import { and, arrayContains, asc, count, desc, eq, inArray, lte } from "drizzle-orm";
import { type EventFacts, eventBody } from "@/lib/webhooks/event-body";
import type { Transaction } from "../client";
import { getDb } from "../database";
import {
  type Payment,
  type Refund,
  type WebhookDelivery,
  type WebhookEndpoint,
  type WebhookEventType,
  items,
  webhookDeliveries,
  webhookEndpoints,
  webhookEvents,
} from "../schema";

/** How long an event is retried: at least once within a day, then given up. */
export const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;
export const MAX_ENDPOINTS_PER_CREATOR = 10;

/**
 * The outbox write, inside the transaction that records the sale (or the refund): one event and a
 * delivery per endpoint of the item's creator that wants this type; nothing when none does, so a
 * creator without webhooks costs the settlement one indexed read.
 */
export async function queueWebhookEvent(tx: Transaction, { payment, refund }: { payment: Payment; refund?: Refund }) {
  const type: WebhookEventType = refund ? "refund.recorded" : "sale.settled";
  const targets = await tx
    .select({ endpointId: webhookEndpoints.id, creatorId: items.creatorId, slug: items.slug, title: items.title })
    .from(items)
    .innerJoin(webhookEndpoints, and(eq(webhookEndpoints.creatorId, items.creatorId), arrayContains(webhookEndpoints.events, [type])))
    .where(eq(items.id, payment.itemId));
  if (targets.length === 0) return;
  const sale = { ...payment, item: { id: payment.itemId, slug: targets[0].slug, title: targets[0].title } };
  const facts: EventFacts = refund ? { type: "refund.recorded", sale, refund } : { type: "sale.settled", sale };
  const id = randomUUID();
  const createdAt = new Date();
  await tx.insert(webhookEvents).values({ id, creatorId: targets[0].creatorId, createdAt, ...eventBody(id, createdAt, facts) });
  const retryUntil = new Date(createdAt.getTime() + RETRY_WINDOW_MS);
  await tx.insert(webhookDeliveries).values(targets.map(({ endpointId }) => ({ eventId: id, endpointId, retryUntil, nextAttemptAt: createdAt })));
}

export type CreateEndpointResult = { ok: true; endpoint: WebhookEndpoint } | { ok: false; error: "too_many_endpoints" };

export async function createWebhookEndpoint(input: { creatorId: string; url: string; events: WebhookEventType[]; secret: string }): Promise<CreateEndpointResult> {
  return getDb().transaction(async (tx) => {
    const [{ total }] = await tx.select({ total: count() }).from(webhookEndpoints).where(eq(webhookEndpoints.creatorId, input.creatorId));
    if (total >= MAX_ENDPOINTS_PER_CREATOR) return { ok: false, error: "too_many_endpoints" } as const;
    const [endpoint] = await tx.insert(webhookEndpoints).values(input).returning();
    return { ok: true, endpoint } as const;
  });
}

export type DeliveryRow = WebhookDelivery & { eventType: string };
export type EndpointWithDeliveries = Omit<WebhookEndpoint, "secret"> & { deliveries: DeliveryRow[] };

/** A creator's endpoints (without their secrets), each with its most recent deliveries. */
export async function getWebhookEndpoints({ creatorId, deliveriesPerEndpoint = 20 }: { creatorId: string; deliveriesPerEndpoint?: number }): Promise<EndpointWithDeliveries[]> {
  const endpoints = await getDb()
    .select({ id: webhookEndpoints.id, creatorId: webhookEndpoints.creatorId, url: webhookEndpoints.url, events: webhookEndpoints.events, createdAt: webhookEndpoints.createdAt })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.creatorId, creatorId))
    .orderBy(asc(webhookEndpoints.createdAt));
  return Promise.all(
    endpoints.map(async (endpoint) => {
      const rows = await getDb()
        .select({ delivery: webhookDeliveries, eventType: webhookEvents.type })
        .from(webhookDeliveries)
        .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
        .where(eq(webhookDeliveries.endpointId, endpoint.id))
        .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
        .limit(deliveriesPerEndpoint);
      return { ...endpoint, deliveries: rows.map((row) => ({ ...row.delivery, eventType: row.eventType })) };
    }),
  );
}

/** Deletes a creator's endpoint and its deliveries; false when it is not theirs. */
export async function deleteWebhookEndpoint({ creatorId, endpointId }: { creatorId: string; endpointId: string }): Promise<boolean> {
  const deleted = await getDb()
    .delete(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.creatorId, creatorId)))
    .returning({ id: webhookEndpoints.id });
  return deleted.length === 1;
}

/**
 * Sends a delivery again, now, with a fresh 24-hour window: same event, same id, same body. Moving
 * `nextAttemptAt` also voids the lease of an attempt in flight, whose outcome is then not recorded.
 */
export async function resendWebhookDelivery({ creatorId, deliveryId }: { creatorId: string; deliveryId: string }): Promise<boolean> {
  const mine = getDb().select({ id: webhookEndpoints.id }).from(webhookEndpoints).where(eq(webhookEndpoints.creatorId, creatorId));
  const now = new Date();
  const updated = await getDb()
    .update(webhookDeliveries)
    .set({ status: "pending", nextAttemptAt: now, retryUntil: new Date(now.getTime() + RETRY_WINDOW_MS) })
    .where(and(eq(webhookDeliveries.id, deliveryId), inArray(webhookDeliveries.endpointId, mine)))
    .returning({ id: webhookDeliveries.id });
  return updated.length === 1;
}

export type DueDelivery = { id: string; leaseUntil: Date; attempts: number; retryUntil: Date; eventId: string; body: string; type: string; url: string; secret: string };

/**
 * Takes up to `limit` deliveries that are due, leasing each until `leaseUntil` (past an attempt's
 * timeout): another round or process skips them meanwhile, and a crashed attempt is retried after.
 */
export async function claimDueDeliveries({ limit, leaseUntil }: { limit: number; leaseUntil: Date }): Promise<DueDelivery[]> {
  const due = getDb()
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(and(inArray(webhookDeliveries.status, ["pending", "failing"]), lte(webhookDeliveries.nextAttemptAt, new Date())))
    .orderBy(asc(webhookDeliveries.nextAttemptAt))
    .limit(limit)
    .for("update", { skipLocked: true });
  const claimed = await getDb()
    .update(webhookDeliveries)
    .set({ nextAttemptAt: leaseUntil })
    .where(inArray(webhookDeliveries.id, due))
    .returning({ id: webhookDeliveries.id });
  if (claimed.length === 0) return [];
  const rows = await getDb()
    .select({ delivery: webhookDeliveries, event: webhookEvents, endpoint: webhookEndpoints })
    .from(webhookDeliveries)
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(inArray(webhookDeliveries.id, claimed.map((row) => row.id)));
  return rows.map(({ delivery, event, endpoint }) => ({
    id: delivery.id,
    leaseUntil,
    attempts: delivery.attempts,
    retryUntil: delivery.retryUntil,
    eventId: event.id,
    body: event.body,
    type: event.type,
    url: endpoint.url,
    secret: endpoint.secret,
  }));
}

export type AttemptRecord =
  | { delivered: true; statusCode: number }
  | { delivered: false; statusCode: number | null; error: string; nextAttemptAt: Date | null };

/** Records an attempt's outcome, unless its lease was voided meanwhile (a resend). */
export async function recordDeliveryAttempt(delivery: Pick<DueDelivery, "id" | "leaseUntil" | "attempts">, outcome: AttemptRecord) {
  const now = new Date();
  const common = { attempts: delivery.attempts + 1, lastAttemptAt: now, lastStatusCode: outcome.statusCode };
  await getDb()
    .update(webhookDeliveries)
    .set(
      outcome.delivered
        ? { ...common, status: "delivered", lastError: null, deliveredAt: now }
        : outcome.nextAttemptAt
          ? { ...common, status: "failing", lastError: outcome.error, nextAttemptAt: outcome.nextAttemptAt }
          : { ...common, status: "abandoned", lastError: outcome.error },
    )
    .where(and(eq(webhookDeliveries.id, delivery.id), eq(webhookDeliveries.nextAttemptAt, delivery.leaseUntil)));
}
