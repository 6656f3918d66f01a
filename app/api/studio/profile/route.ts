// PATCH /api/studio/profile — the signed-in creator's display name, payout address, bio and whether item pages show sales counts
import { updateCreatorProfile } from "@/db/queries/creators";
import { catalogChanged } from "@/lib/discovery/catalog-cache";
import { readJsonInput } from "@/lib/http/json-input";
import { requireCreator } from "@/lib/studio/current-creator";
import { profileSchema } from "@/lib/studio/item-input";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function PATCH(request: Request) {
  const access = await requireCreator();
  if (!access.ok) return access.response;
  const input = await readJsonInput(request, profileSchema);
  if (!input.ok) return input.response;
  const creator = await updateCreatorProfile(access.creator.id, input.data);
  catalogChanged();
  return Response.json({ displayName: creator.displayName, payoutAddress: creator.payoutAddress, bio: creator.bio, showSalesCount: creator.showSalesCount });
}
