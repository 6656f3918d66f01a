// PUT /api/studio/profile/avatar — the signed-in creator's avatar: the raw image as the body, its name in x-file-name
import { requireCreator } from "@/lib/studio/current-creator";
import { setUploadedAvatar } from "@/lib/studio/avatar-upload";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function PUT(request: Request) {
  const access = await requireCreator();
  if (!access.ok) return access.response;
  const upload = await setUploadedAvatar(request, access.creator);
  if (!upload.ok) return upload.response;
  return Response.json({ mimeType: upload.value.mimeType, sizeBytes: upload.value.sizeBytes });
}
