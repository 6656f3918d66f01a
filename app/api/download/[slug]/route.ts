// GET /api/download/[slug] — paid download: 402 until paid over x402, then the file
import { handlePaidDownload } from "@/lib/x402/paid-download";
import { PAYWALL_CORS_HEADERS } from "@/lib/x402/responses";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ slug: string }> };

export async function GET(request: Request, { params }: Context) {
  return handlePaidDownload(request, (await params).slug);
}

export async function HEAD(request: Request, { params }: Context) {
  return handlePaidDownload(request, (await params).slug);
}

export function OPTIONS() {
  return new Response(null, { status: 204, headers: PAYWALL_CORS_HEADERS });
}
