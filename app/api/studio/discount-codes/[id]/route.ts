// PATCH /api/studio/discount-codes/:id — pause or resume a code; DELETE — delete it (past sales keep its name)
import { deleteDiscountCode, setDiscountCodePaused } from "@/db/queries/discount-codes";
import { catalogChanged } from "@/lib/discovery/catalog-cache";
import { apiError, readJsonInput } from "@/lib/http/json-input";
import { requireCreator } from "@/lib/studio/current-creator";
import { discountCodeChangesSchema } from "@/lib/studio/discount-code-input";
import { isUuid } from "@/lib/validation/uuid";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

const notFound = () => apiError(404, { error: "code_not_found", message: "No such discount code in your studio." });

export async function PATCH(request: Request, { params }: Params) {
  const access = await requireCreator();
  if (!access.ok) return access.response;
  const codeId = (await params).id;
  const input = await readJsonInput(request, discountCodeChangesSchema);
  if (!input.ok) return input.response;
  if (!isUuid(codeId) || !(await setDiscountCodePaused({ creatorId: access.creator.id, codeId, paused: input.data.paused }))) return notFound();
  catalogChanged();
  return Response.json({ id: codeId, paused: input.data.paused });
}

export async function DELETE(_request: Request, { params }: Params) {
  const access = await requireCreator();
  if (!access.ok) return access.response;
  const codeId = (await params).id;
  if (!isUuid(codeId) || !(await deleteDiscountCode({ creatorId: access.creator.id, codeId }))) return notFound();
  catalogChanged();
  return new Response(null, { status: 204 });
}
