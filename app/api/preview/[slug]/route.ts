// GET /api/preview/[slug] — the item's free sample, playable or readable without paying
import { getPublishedItemBySlug } from "@/db/queries/catalog";
import { fileResponse } from "@/lib/http/file-response";
import { getStorage } from "@/lib/storage";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const item = await getPublishedItemBySlug({ slug });
  const preview = item?.files.find((file) => file.isPreview);
  if (!item || !preview) {
    return Response.json({ error: "not_found", message: "No free preview for this item." }, { status: 404 });
  }
  return fileResponse({
    storage: getStorage(),
    file: preview,
    request,
    disposition: "inline",
    headers: { "cache-control": "public, max-age=300" },
  });
}

export { GET as HEAD };
