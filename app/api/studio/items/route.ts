// POST /api/studio/items — a new draft item of the signed-in creator
import { createItem } from "@/db/queries/studio-items";
import { readJsonInput } from "@/lib/http/json-input";
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
  const item = await createItem({ creatorId: access.creator.id, input: input.data });
  return Response.json(itemJson({ ...item, files: [] }), { status: 201 });
}
