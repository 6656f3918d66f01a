import type { EndpointWithDeliveries } from "@/db/queries/webhooks";

/** What the studio API and page show of an endpoint: never its secret, which is shown once at creation. */
export function endpointJson(endpoint: EndpointWithDeliveries) {
  return {
    id: endpoint.id,
    url: endpoint.url,
    events: endpoint.events,
    createdAt: endpoint.createdAt.toISOString(),
    deliveries: endpoint.deliveries.map((delivery) => ({
      id: delivery.id,
      eventId: delivery.eventId,
      eventType: delivery.eventType,
      status: delivery.status,
      attempts: delivery.attempts,
      lastStatusCode: delivery.lastStatusCode,
      lastError: delivery.lastError,
      lastAttemptAt: delivery.lastAttemptAt?.toISOString() ?? null,
      nextAttemptAt: delivery.status === "pending" || delivery.status === "failing" ? delivery.nextAttemptAt.toISOString() : null,
      deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
      createdAt: delivery.createdAt.toISOString(),
    })),
  };
}

export type EndpointJson = ReturnType<typeof endpointJson>;
