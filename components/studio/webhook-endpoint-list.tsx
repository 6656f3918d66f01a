import type { EndpointJson } from "@/lib/webhooks/endpoint-json";
import { DeleteWebhookButton, ResendDeliveryButton } from "./webhook-actions";

const STATUS_TEXT: Record<string, string> = {
  pending: "Waiting",
  failing: "Failed, retrying",
  delivered: "Delivered",
  abandoned: "Failed, given up",
};

const STATUS_CLASS: Record<string, string> = {
  pending: "bg-stone-100 text-stone-700",
  failing: "bg-red-100 text-red-800",
  delivered: "bg-green-100 text-green-800",
  abandoned: "bg-red-100 text-red-800",
};

const time = (iso: string | null) => (iso ? iso.replace("T", " ").slice(0, 19) : "—");

/** Each endpoint with its recent deliveries: status, attempts, the last answer and the next try. */
export function WebhookEndpointList({ endpoints }: { endpoints: EndpointJson[] }) {
  if (endpoints.length === 0) return <p className="text-sm text-stone-600">No endpoints yet.</p>;
  return (
    <section className="flex flex-col gap-6" aria-labelledby="webhook-endpoints">
      <h2 id="webhook-endpoints" className="text-lg font-semibold">
        Your endpoints
      </h2>
      {endpoints.map((endpoint) => (
        <article key={endpoint.id} className="flex flex-col gap-3 rounded-xl border border-stone-200 bg-white p-4" data-testid="webhook-endpoint">
          <div className="flex flex-wrap items-center gap-3">
            <h3 className="min-w-48 flex-1 break-all font-mono text-sm font-semibold">{endpoint.url}</h3>
            <span className="text-xs text-stone-600">{endpoint.events.join(", ")}</span>
            <DeleteWebhookButton endpointId={endpoint.id} url={endpoint.url} />
          </div>
          {endpoint.deliveries.length === 0 ? (
            <p className="text-sm text-stone-600">No deliveries yet.</p>
          ) : (
            // relative: the table's screen-reader-only text is positioned inside the scrolling box, not past the page's edge.
            <div className="relative overflow-x-auto">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Recent deliveries to {endpoint.url}</caption>
                <thead className="text-xs uppercase tracking-wide text-stone-600">
                  <tr>
                    <th className="py-2 pr-4">Event</th>
                    <th className="py-2 pr-4">Status</th>
                    <th className="py-2 pr-4">Attempts</th>
                    <th className="py-2 pr-4">Last answer</th>
                    <th className="py-2 pr-4">Next attempt (UTC)</th>
                    <th className="py-2">
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-stone-200">
                  {endpoint.deliveries.map((delivery) => (
                    <tr key={delivery.id} data-testid="webhook-delivery" data-event-id={delivery.eventId} data-status={delivery.status}>
                      <td className="py-2 pr-4">
                        <span className="block">{delivery.eventType}</span>
                        <span className="block font-mono text-xs text-stone-600" title={delivery.eventId}>
                          {delivery.eventId.slice(0, 8)}…
                        </span>
                      </td>
                      <td className="py-2 pr-4">
                        <span className={`rounded-full px-2 py-0.5 text-xs whitespace-nowrap ${STATUS_CLASS[delivery.status]}`} data-testid="webhook-delivery-status">
                          {STATUS_TEXT[delivery.status]}
                        </span>
                      </td>
                      <td className="py-2 pr-4" data-testid="webhook-delivery-attempts">
                        {delivery.attempts}
                      </td>
                      <td className="py-2 pr-4 font-mono text-xs" data-testid="webhook-delivery-last">
                        {delivery.lastStatusCode ?? ""} {delivery.lastError ?? ""}
                        {delivery.lastAttemptAt === null && "—"}
                      </td>
                      <td className="py-2 pr-4 whitespace-nowrap">{time(delivery.nextAttemptAt)}</td>
                      <td className="py-2">
                        <ResendDeliveryButton deliveryId={delivery.id} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </article>
      ))}
    </section>
  );
}
