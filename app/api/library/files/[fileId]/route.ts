// GET /api/library/files/[fileId] — one file of a purchase, for the signed-in buyer; no payment
import { z } from "zod";
import { getPurchasedFile } from "@/db/queries/purchases";
import { countRateLimit, rateLimitedResponse } from "@/lib/abuse/rate-limit";
import { currentBuyer } from "@/lib/auth/current-buyer";
import { ownerStampPlan } from "@/lib/downloads/buyer-stamp";
import { deliverItem } from "@/lib/downloads/deliver-item";
import { type StampPlan, prepareFiles } from "@/lib/downloads/stamped-files";
import type { ItemFile } from "@/db/schema";
import { fileResponse } from "@/lib/http/file-response";
import { getStorage } from "@/lib/storage";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ fileId: string }> }) {
  const buyer = await currentBuyer();
  if (!buyer) return Response.json({ error: "unauthenticated", message: "Sign in to your library first." }, { status: 401 });
  const fileId = z.uuid().safeParse((await params).fileId);
  const purchased = fileId.success ? await getPurchasedFile({ payer: buyer, fileId: fileId.data }) : null;
  // Unknown files and files of items this wallet did not buy look the same: no probing.
  if (!purchased) return Response.json({ error: "not_found", message: "No such file in your library." }, { status: 404 });
  const { file } = purchased;
  // A stamped PDF is this buyer's own copy, whole: no ranges (deliverItem sends all of it).
  const stamp = await ownerStampPlan({ id: file.itemId, stamped: purchased.stamped }, buyer);
  if (!stamp.ok) return Response.json({ error: "not_found", message: "No such file in your library." }, { status: 404 });
  if (stamp.plan && file.mimeType === "application/pdf") return stampedFile(file, stamp.plan, buyer);
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

async function stampedFile(file: ItemFile, plan: StampPlan, buyer: string): Promise<Response> {
  const allowance = await countRateLimit("redownload", `${buyer}:${file.itemId}`);
  if (!allowance.ok) return rateLimitedResponse(allowance.retryAfterSeconds, {}, `This purchase was downloaded too often; try again in ${allowance.retryAfterSeconds} s.`);
  const prepared = await prepareFiles(getStorage(), [file], plan);
  if (!prepared.ok) return Response.json({ error: prepared.reason, message: "This PDF is too large to stamp; ask the creator." }, { status: 409 });
  const headers = new Headers({ "accept-ranges": "none" });
  return deliverItem({ storage: getStorage(), item: { slug: file.fileName, files: prepared.files }, headers });
}
