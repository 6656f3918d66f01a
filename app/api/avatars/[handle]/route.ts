// GET /api/avatars/[handle] — a creator's avatar image
import { getCreatorByHandle } from "@/db/queries/catalog";
import { imageResponse } from "@/lib/storage/cover-response";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ handle: string }> }) {
  const creator = await getCreatorByHandle({ handle: (await params).handle });
  const response = creator && (await imageResponse({ key: creator.avatarKey, type: creator.avatarType }, "public, max-age=300"));
  return response || Response.json({ error: "not_found", message: "No avatar for this creator." }, { status: 404 });
}
