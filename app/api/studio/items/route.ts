// POST /api/studio/items — a new draft item of the signed-in creator
import { createItem, getCreatorItem } from "@/db/queries/studio-items";
import { getEnv } from "@/lib/env";
import { apiError, readJsonInput } from "@/lib/http/json-input";
import { requireCreator } from "@/lib/studio/current-creator";
import { itemJson } from "@/lib/studio/item-json";
import { newItemSchema } from "@/lib/studio/item-input";
import { itemRefusalResponse } from "@/lib/studio/item-refusals";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  const access = await requireCreator();
  if (!access.ok) return access.response;
  const input = await readJsonInput(request, newItemSchema);
  if (!input.ok) return input.response;
  const maxItems = getEnv().CREATOR_QUOTA_ITEMS;
  const created = await createItem({ creatorId: access.creator.id, input: input.data, maxItems });
  if (!created.ok && created.error === "refused") return itemRefusalResponse(created.refusal, getEnv().STAMP_MAX_BYTES);
  if (!created.ok) {
    const message = `A creator may have at most ${maxItems} items, drafts included; delete a draft you no longer need first.`;
    return apiError(409, { error: "item_quota_exceeded", message });
  }
  const item = (await getCreatorItem({ creatorId: access.creator.id, itemId: created.item.id })) ?? { ...created.item, files: [] };
  return Response.json(itemJson(item), { status: 201 });
}
