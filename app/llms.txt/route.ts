// GET /llms.txt — what the store sells and how an agent buys, downloads again and verifies a file, in plain words
import { llmsTxt } from "@/lib/discovery/llms-txt";
import { serveDocument } from "@/lib/discovery/serve-document";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return serveDocument(request, (facts) => ({ body: llmsTxt(facts), contentType: "text/plain; charset=utf-8" }));
}
