// GET /openapi.json — the store as OpenAPI 3.1 for agents and discovery tools: every published download as a paid operation
import { openApiDocument } from "@/lib/discovery/openapi";
import { asJson, serveDocument } from "@/lib/discovery/serve-document";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return serveDocument(request, (facts) => asJson(openApiDocument(facts)));
}
