// GET /api/health — liveness and database reachability, for the start command and monitors
import { pingDatabase } from "@/db/queries/health";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET() {
  if (await pingDatabase()) return Response.json({ ok: true });
  return Response.json({ ok: false, error: "database_unavailable" }, { status: 503 });
}
