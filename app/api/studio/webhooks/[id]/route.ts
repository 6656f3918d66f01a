// DELETE /api/studio/webhooks/:id — delete one of the creator's endpoints and its delivery history
import { deleteWebhookEndpoint } from "@/db/queries/webhooks";
import { apiError } from "@/lib/http/json-input";
import { requireCreator } from "@/lib/studio/current-creator";
import { isUuid } from "@/lib/validation/uuid";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function DELETE(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const access = await requireCreator();
  if (!access.ok) return access.response;
  const { id } = await params;
  if (!isUuid(id) || !(await deleteWebhookEndpoint({ creatorId: access.creator.id, endpointId: id }))) {
    return apiError(404, { error: "webhook_not_found", message: "No such webhook endpoint in your studio." });
  }
  return new Response(null, { status: 204 });
}
