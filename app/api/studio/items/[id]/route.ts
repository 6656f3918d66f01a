// GET /api/studio/items/:id — the item with its files; PATCH — edit fields, change the price, publish or unpublish; DELETE — delete a draft nobody bought
import { deleteItem, getCreatorItem, updateItem } from "@/db/queries/studio-items";
import { catalogChanged } from "@/lib/discovery/catalog-cache";
import { getEnv } from "@/lib/env";
import { apiError, readJsonInput } from "@/lib/http/json-input";
import { minimumProblem } from "@/lib/money/price";
import { getStorage } from "@/lib/storage";
import { itemNotFound, requireCreatorItem } from "@/lib/studio/current-creator";
import { itemChangesSchema } from "@/lib/studio/item-input";
import { itemJson } from "@/lib/studio/item-json";
import { itemRefusalResponse } from "@/lib/studio/item-refusals";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

export async function GET(_request: Request, { params }: Params) {
  const access = await requireCreatorItem((await params).id);
  if (!access.ok) return access.response;
  return Response.json(itemJson(access.item), { headers: { "cache-control": "private, no-store" } });
}

export async function PATCH(request: Request, { params }: Params) {
  const access = await requireCreatorItem((await params).id);
  if (!access.ok) return access.response;
  const input = await readJsonInput(request, itemChangesSchema);
  if (!input.ok) return input.response;
  const pricing = minimumProblem(input.data.price ?? access.item.priceAtomic, input.data.pwywMinimum === undefined ? access.item.pwywMinimumAtomic : input.data.pwywMinimum);
  if (pricing) return apiError(400, { error: "invalid_input", message: `pwywMinimum: ${pricing}`, fields: { pwywMinimum: pricing } });
  const stampMaxBytes = getEnv().STAMP_MAX_BYTES;
  const updated = await updateItem({ creatorId: access.creator.id, itemId: access.item.id, changes: input.data, stampMaxBytes });
  if (updated.ok) catalogChanged();
  if (!updated.ok && updated.error === "refused") return itemRefusalResponse(updated.refusal, stampMaxBytes);
  if (!updated.ok && updated.error === "no_files") {
    return apiError(409, { error: "no_files", message: "Upload at least one file that is not the free preview before publishing." });
  }
  const item = await getCreatorItem({ creatorId: access.creator.id, itemId: access.item.id });
  return item ? Response.json(itemJson(item)) : itemNotFound();
}

export async function DELETE(_request: Request, { params }: Params) {
  const access = await requireCreatorItem((await params).id);
  if (!access.ok) return access.response;
  const result = await deleteItem({ itemId: access.item.id });
  if (!result.deleted && result.reason === "item_in_bundle") {
    return apiError(409, { error: "item_in_bundle", message: "A bundle includes this item and delivers it to its buyers: unpublish it instead." });
  }
  if (!result.deleted) {
    return apiError(409, { error: "item_has_payments", message: "People paid for this item and keep access to it: unpublish it instead." });
  }
  catalogChanged();
  await Promise.all(result.storageKeys.map((key) => getStorage().delete(key).catch(() => undefined)));
  return new Response(null, { status: 204 });
}
