// GET /api/ownership/[slug]?wallet=0x… — whether a wallet bought this item (public, like the purchase on-chain)
import { getAddress, isAddress } from "viem";
import { z } from "zod";
import { ownershipOf } from "@/lib/purchases/ownership";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const Query = z.object({ wallet: z.string().refine((value) => isAddress(value, { strict: false })).transform((value) => getAddress(value)) });

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const query = Query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) {
    return Response.json({ error: "invalid_wallet", message: "Name the wallet as ?wallet=0x… (a 20-byte hex address)." }, { status: 400 });
  }
  const ownership = await ownershipOf({ slug: (await params).slug, wallet: query.data.wallet });
  if (!ownership.ok) return Response.json({ error: ownership.reason, message: "No such item in this store." }, { status: 404 });
  // Per wallet and changing with every purchase: never cached, by the browser or anything between.
  return Response.json({ owned: ownership.owned }, { headers: { "cache-control": "no-store" } });
}
