// GET /api/covers/[slug] — the item's cover image
import { Readable } from "node:stream";
import { getPublishedItemBySlug } from "@/db/queries/catalog";
import { getStorage } from "@/lib/storage";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const COVER_TYPES: Record<string, string> = { svg: "image/svg+xml", png: "image/png", jpg: "image/jpeg", webp: "image/webp" };

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const item = await getPublishedItemBySlug({ slug });
  const extension = item?.coverKey?.split(".").pop() ?? "";
  if (!item?.coverKey || !COVER_TYPES[extension]) {
    return Response.json({ error: "not_found", message: "No cover for this item." }, { status: 404 });
  }
  const stream = await getStorage().read(item.coverKey);
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
    headers: {
      "content-type": COVER_TYPES[extension],
      "cache-control": "public, max-age=300",
      "x-content-type-options": "nosniff",
      // An SVG opened directly must not run script or load anything.
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    },
  });
}
