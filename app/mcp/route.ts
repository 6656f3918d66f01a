// POST /mcp — the store's MCP server (streamable HTTP, stateless): search_catalog and buy_item paid with x402
import { handleMcpRequest } from "@/lib/mcp/server";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function POST(request: Request) {
  return handleMcpRequest(request);
}

// Stateless: no server-to-client stream to open (GET) and no session to end (DELETE).
const methodNotAllowed = () =>
  Response.json({ jsonrpc: "2.0", error: { code: -32000, message: "Method not allowed: POST only." }, id: null }, { status: 405, headers: { allow: "POST" } });

export function GET() {
  return methodNotAllowed();
}

export function DELETE() {
  return methodNotAllowed();
}
