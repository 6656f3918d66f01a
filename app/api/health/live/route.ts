// GET /api/health/live — the process answers, nothing more: for a load balancer's liveness probe,
// and the bench's "what the framework allows" baseline (a constant JSON route on the same server).
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ ok: true }, { headers: { "cache-control": "no-store" } });
}
