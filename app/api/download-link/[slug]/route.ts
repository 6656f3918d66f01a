// GET /api/download-link/[slug]?token= — a purchase's files by the short-lived link buy_item (MCP) gave
import { handleLinkDownload } from "@/lib/mcp/link-download";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return handleLinkDownload(request, (await params).slug);
}

// Every use of a link counts as a re-download: HEAD must not be one (Next answers HEAD with GET otherwise).
export function HEAD() {
  return new Response(null, { status: 405, headers: { allow: "GET" } });
}
