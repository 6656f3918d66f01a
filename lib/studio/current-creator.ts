import { getCreatorByWallet } from "@/db/queries/creators";
import { type StudioItem, getCreatorItem } from "@/db/queries/studio-items";
import type { Creator } from "@/db/schema";
import { sessionAddress } from "@/lib/auth/session-cookie";
import { apiError } from "@/lib/http/json-input";
import { isUuid } from "@/lib/validation/uuid";

/** The creator signed in to the studio in this browser, or null. */
export async function currentCreator(): Promise<Creator | null> {
  const wallet = await sessionAddress("studio");
  return wallet ? getCreatorByWallet({ wallet }) : null;
}

export type StudioAccess = { ok: true; creator: Creator } | { ok: false; response: Response };

/** For studio route handlers: the signed-in creator, or a 401 to return as is. */
export async function requireCreator(): Promise<StudioAccess> {
  const creator = await currentCreator();
  if (creator) return { ok: true, creator };
  return { ok: false, response: apiError(401, { error: "not_signed_in", message: "Sign in to the studio with your wallet first." }) };
}

/** What every studio route answers for an item that is not the signed-in creator's: it does not exist for them. */
export function itemNotFound(): Response {
  return apiError(404, { error: "item_not_found", message: "No such item in your studio." });
}


export type StudioItemAccess = { ok: true; creator: Creator; item: StudioItem } | { ok: false; response: Response };

/** For item route handlers: the signed-in creator and their item, else 401 or 404 (never another creator's item). */
export async function requireCreatorItem(itemId: string): Promise<StudioItemAccess> {
  const access = await requireCreator();
  if (!access.ok) return access;
  const item = isUuid(itemId) ? await getCreatorItem({ creatorId: access.creator.id, itemId }) : null;
  return item ? { ok: true, creator: access.creator, item } : { ok: false, response: itemNotFound() };
}

/** For studio pages: the creator's item, or null for an id that is malformed, unknown or someone else's. */
export async function findCreatorItem(creator: Creator, itemId: string): Promise<StudioItem | null> {
  return isUuid(itemId) ? getCreatorItem({ creatorId: creator.id, itemId }) : null;
}
