// GET /api/studio/webhooks — the creator's endpoints with recent deliveries; POST — register one (its secret is in this answer only)
import { createWebhookEndpoint, getWebhookEndpoints } from "@/db/queries/webhooks";
import { apiError, readJsonInput } from "@/lib/http/json-input";
import { requireCreator } from "@/lib/studio/current-creator";
import { webhooksMayUseLoopback } from "@/lib/webhooks/devnet";
import { endpointJson } from "@/lib/webhooks/endpoint-json";
import { checkWebhookHost, webhookEndpointSchema } from "@/lib/webhooks/endpoint-input";
import { newWebhookSecret } from "@/lib/webhooks/signature";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET() {
  const access = await requireCreator();
  if (!access.ok) return access.response;
  const endpoints = await getWebhookEndpoints({ creatorId: access.creator.id });
  return Response.json({ endpoints: endpoints.map(endpointJson) }, { headers: { "cache-control": "private, no-store" } });
}

export async function POST(request: Request) {
  const access = await requireCreator();
  if (!access.ok) return access.response;
  const devnet = webhooksMayUseLoopback();
  const input = await readJsonInput(request, webhookEndpointSchema({ devnet }));
  if (!input.ok) return input.response;
  const hostProblem = await checkWebhookHost(input.data.url, { devnet });
  if (hostProblem) {
    return apiError(400, { error: "invalid_input", message: `url: ${hostProblem}`, fields: { url: hostProblem } });
  }
  const secret = newWebhookSecret();
  // A failed insert's error text quotes its parameters, the new secret among them: never let it reach a log.
  const created = await createWebhookEndpoint({ creatorId: access.creator.id, ...input.data, secret }).catch(() => null);
  if (!created) return apiError(503, { error: "store_unavailable", message: "The store cannot save this right now; try again shortly." }, { "retry-after": "5" });
  if (!created.ok) return apiError(409, { error: created.error, message: "You have the most webhook endpoints allowed (10): delete one first." });
  const { endpoint } = created;
  return Response.json(
    { ...endpointJson({ ...endpoint, deliveries: [] }), secret },
    { status: 201, headers: { "cache-control": "no-store" } },
  );
}
