// GET /api/studio/discount-codes — the signed-in creator's codes with uses and revenue; POST — a new code
import { createDiscountCode, getDiscountCodesOfCreator } from "@/db/queries/discount-codes";
import { catalogChanged } from "@/lib/discovery/catalog-cache";
import { apiError, readJsonInput } from "@/lib/http/json-input";
import { requireCreator } from "@/lib/studio/current-creator";
import { discountCodeJson } from "@/lib/studio/discount-code-json";
import { discountCodeSchema } from "@/lib/studio/discount-code-input";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET() {
  const access = await requireCreator();
  if (!access.ok) return access.response;
  const codes = await getDiscountCodesOfCreator({ creatorId: access.creator.id });
  return Response.json({ codes: codes.map(discountCodeJson) }, { headers: { "cache-control": "private, no-store" } });
}

export async function POST(request: Request) {
  const access = await requireCreator();
  if (!access.ok) return access.response;
  const input = await readJsonInput(request, discountCodeSchema);
  if (!input.ok) return input.response;
  const created = await createDiscountCode({ creatorId: access.creator.id, input: input.data });
  if (!created.ok && created.error === "code_taken") {
    const message = "You already have a code with this name (codes ignore case).";
    return apiError(409, { error: "code_taken", message, fields: { code: message } });
  }
  if (!created.ok) {
    const message = "A code can only apply to your own items.";
    return apiError(400, { error: "invalid_input", message, fields: { itemIds: message } });
  }
  catalogChanged();
  const codes = await getDiscountCodesOfCreator({ creatorId: access.creator.id });
  return Response.json(discountCodeJson(codes.find((code) => code.id === created.id)!), { status: 201 });
}
