// POST /api/studio/items — a new draft item of the signed-in creator
import { createItem } from "@/db/queries/studio-items";
import { getEnv } from "@/lib/env";
import { apiError, readJsonInput } from "@/lib/http/json-input";
import { requireCreator } from "@/lib/studio/current-creator";
import { itemJson } from "@/lib/studio/item-json";
import { newItemSchema } from "@/lib/studio/item-input";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  const access = await requireCreator();
  if (!access.ok) return access.response;
  const input = await readJsonInput(request, newItemSchema);
  if (!input.ok) return input.response;
  const maxItems = getEnv().CREATOR_QUOTA_ITEMS;
  const created = await createItem({ creatorId: access.creator.id, input: input.data, maxItems });
  if (!created.ok) {
    const message = `A creator may have at most ${maxItems} items, drafts included; delete a draft you no longer need first.`;
    return apiError(409, { error: "item_quota_exceeded", message });
  }
  return Response.json(itemJson({ ...created.item, files: [] }), { status: 201 });
}
