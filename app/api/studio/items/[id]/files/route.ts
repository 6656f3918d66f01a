// POST /api/studio/items/:id/files[?preview=true] — upload a file: raw bytes as the body, its URL-encoded name in x-file-name
import { catalogChanged } from "@/lib/discovery/catalog-cache";
import { requireCreatorItem } from "@/lib/studio/current-creator";
import { addUploadedFile } from "@/lib/studio/item-files";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const access = await requireCreatorItem((await params).id);
  if (!access.ok) return access.response;
  const isPreview = new URL(request.url).searchParams.get("preview") === "true";
  const upload = await addUploadedFile(request, access.item, isPreview);
  if (!upload.ok) return upload.response;
  catalogChanged();
  const file = upload.value;
  return Response.json(
    { id: file.id, name: file.fileName, mimeType: file.mimeType, sizeBytes: file.sizeBytes, sha256: file.sha256, position: file.position, isPreview: file.isPreview },
    { status: 201 },
  );
}
