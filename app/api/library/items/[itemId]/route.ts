// GET /api/library/items/[itemId] — every file of a purchase at once (a course's ZIP), for the signed-in buyer
import { z } from "zod";
import { getPurchasedItem } from "@/db/queries/purchases";
import { countRateLimit, rateLimitedResponse } from "@/lib/abuse/rate-limit";
import { currentBuyer } from "@/lib/auth/current-buyer";
import { ownerStampPlan } from "@/lib/downloads/buyer-stamp";
import { deliverItem } from "@/lib/downloads/deliver-item";
import { prepareFiles } from "@/lib/downloads/stamped-files";
import { getStorage } from "@/lib/storage";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ itemId: string }> }) {
  const buyer = await currentBuyer();
  if (!buyer) return Response.json({ error: "unauthenticated", message: "Sign in to your library first." }, { status: 401 });
  const itemId = z.uuid().safeParse((await params).itemId).data;
  const item = itemId ? await getPurchasedItem({ payer: buyer, itemId }) : null;
  // Unknown items and items this wallet did not buy look the same: no probing.
  if (!itemId || !item || item.files.length === 0) return Response.json({ error: "not_found", message: "No such purchase in your library." }, { status: 404 });
  // The same allowance as single files: a purchase's re-downloads are bounded whatever the path.
  const allowance = await countRateLimit("redownload", `${buyer}:${itemId}`);
  if (!allowance.ok) return rateLimitedResponse(allowance.retryAfterSeconds, {}, `This purchase was downloaded too often; try again in ${allowance.retryAfterSeconds} s.`);
  const stamp = await ownerStampPlan(item, buyer);
  if (!stamp.ok) return Response.json({ error: "not_found", message: "No such purchase in your library." }, { status: 404 });
  const prepared = await prepareFiles(getStorage(), item.files, stamp.plan);
  if (!prepared.ok) return Response.json({ error: prepared.reason, message: "A PDF of this purchase is too large to stamp; ask the creator." }, { status: 409 });
  return deliverItem({ storage: getStorage(), item: { slug: item.slug, files: prepared.files }, headers: new Headers() });
}

// A HEAD would count as a download (Next answers HEAD with GET otherwise).
export function HEAD() {
  return new Response(null, { status: 405, headers: { allow: "GET" } });
}
