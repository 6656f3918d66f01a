// PUT /api/studio/items/:id/cover — upload the cover: the raw image as the body, its name in x-file-name; GET — view it
import { catalogChanged } from "@/lib/discovery/catalog-cache";
import { apiError } from "@/lib/http/json-input";
import { coverResponse } from "@/lib/storage/cover-response";
import { requireCreatorItem } from "@/lib/studio/current-creator";
import { setUploadedCover } from "@/lib/studio/item-files";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function PUT(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const access = await requireCreatorItem((await params).id);
  if (!access.ok) return access.response;
  const upload = await setUploadedCover(request, access.item);
  if (!upload.ok) return upload.response;
  catalogChanged();
  return Response.json({ mimeType: upload.value.mimeType, sizeBytes: upload.value.sizeBytes });
}

/** GET — the cover as the owner sees it, drafts included. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const access = await requireCreatorItem((await params).id);
  if (!access.ok) return access.response;
  const response = await coverResponse(access.item, "private, no-store");
  return response ?? apiError(404, { error: "no_cover", message: "This item has no cover yet." });
}
