// GET /api/library/items/[itemId] — every file of a purchase at once (a course's ZIP), for the signed-in buyer
import { z } from "zod";
import { getPurchasedItem } from "@/db/queries/purchases";
import { countRateLimit, rateLimitedResponse } from "@/lib/abuse/rate-limit";
import { currentBuyer } from "@/lib/auth/current-buyer";
import { deliverItem } from "@/lib/downloads/deliver-item";
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
  return deliverItem({ storage: getStorage(), item, headers: new Headers() });
}

// A HEAD would count as a download (Next answers HEAD with GET otherwise).
export function HEAD() {
  return new Response(null, { status: 405, headers: { allow: "GET" } });
}
