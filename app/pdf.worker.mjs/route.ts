// GET /pdf.worker.mjs — pdf.js's worker from this origin, for the sample and library PDF readers
import { pdfWorkerScript } from "@/lib/previews/pdf-worker-script";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET() {
  return new Response(new Uint8Array(await pdfWorkerScript()), {
    headers: { "content-type": "text/javascript; charset=utf-8", "cache-control": "public, max-age=3600", "x-content-type-options": "nosniff" },
  });
}
