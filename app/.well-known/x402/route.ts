// GET /.well-known/x402 — the x402 discovery manifest: every published download with its advisory payment terms
import { asJson, serveDocument } from "@/lib/discovery/serve-document";
import { wellKnownX402 } from "@/lib/discovery/well-known";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return serveDocument(request, (facts) => asJson(wellKnownX402(facts)));
}
