// GET /api/library/files/[fileId] — one file of a purchase, for the signed-in buyer; no payment
import { z } from "zod";
import { getPurchasedFile } from "@/db/queries/purchases";
import { countRateLimit, rateLimitedResponse } from "@/lib/abuse/rate-limit";
import { currentBuyer } from "@/lib/auth/current-buyer";
import { fileResponse } from "@/lib/http/file-response";
import { getStorage } from "@/lib/storage";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ fileId: string }> }) {
  const buyer = await currentBuyer();
  if (!buyer) return Response.json({ error: "unauthenticated", message: "Sign in to your library first." }, { status: 401 });
  const fileId = z.uuid().safeParse((await params).fileId);
  const file = fileId.success ? await getPurchasedFile({ payer: buyer, fileId: fileId.data }) : null;
  // Unknown files and files of items this wallet did not buy look the same: no probing.
  if (!file) return Response.json({ error: "not_found", message: "No such file in your library." }, { status: 404 });
  // Re-downloads of a purchase are bounded whatever the path; seeking within a file (a later range) is not a download.
  if (!/^bytes=[1-9]/.test(request.headers.get("range") ?? "")) {
    const allowance = await countRateLimit("redownload", `${buyer}:${file.itemId}`);
    if (!allowance.ok) return rateLimitedResponse(allowance.retryAfterSeconds, {}, `This purchase was downloaded too often; try again in ${allowance.retryAfterSeconds} s.`);
  }
  return fileResponse({
    storage: getStorage(),
    file,
    request,
    disposition: "attachment",
    headers: { "cache-control": "private, no-store" },
  });
}
