// GET /api/covers/[slug] — a published item's cover image
import { getPublishedItemBySlug } from "@/db/queries/catalog";
import { coverResponse } from "@/lib/storage/cover-response";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const item = await getPublishedItemBySlug({ slug: (await params).slug });
  const response = item && (await coverResponse(item, "public, max-age=300"));
  return response || Response.json({ error: "not_found", message: "No cover for this item." }, { status: 404 });
}
