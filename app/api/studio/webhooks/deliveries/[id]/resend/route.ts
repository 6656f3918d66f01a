// POST /api/studio/webhooks/deliveries/:id/resend — deliver an event to its endpoint again, now (same event id and body)
import { resendWebhookDelivery } from "@/db/queries/webhooks";
import { apiError } from "@/lib/http/json-input";
import { requireCreator } from "@/lib/studio/current-creator";
import { isUuid } from "@/lib/validation/uuid";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const access = await requireCreator();
  if (!access.ok) return access.response;
  const { id } = await params;
  if (!isUuid(id) || !(await resendWebhookDelivery({ creatorId: access.creator.id, deliveryId: id }))) {
    return apiError(404, { error: "delivery_not_found", message: "No such webhook delivery in your studio." });
  }
  return Response.json({ id, status: "pending" }, { status: 202 });
}
