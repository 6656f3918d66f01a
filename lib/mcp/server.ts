import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { requestOrigin } from "@/lib/http/request-origin";
import { buyItem, buyItemInput } from "./buy-item";
import { searchCatalog, searchCatalogInput } from "./search-catalog";

/** Tool calls are a few hundred bytes, a payment in `_meta` about a kilobyte. */
const MAX_BODY_BYTES = 64 * 1024;

const INSTRUCTIONS =
  "A store of digital files (ebooks, music, courses) paid in USDC with x402. Find items with search_catalog; " +
  "buy one with buy_item: without a payment it answers the x402 PaymentRequired, sign it and call again with the " +
  'PaymentPayload in _meta["x402/payment"] (add a payment-identifier to be able to retry). The answer carries the ' +
  "receipt, the settlement in _meta[\"x402/payment-response\"], and the file or a short-lived download link.";

function storeMcpServer(request: Request): McpServer {
  const origin = requestOrigin(request.headers);
  const server = new McpServer({ name: "x402-storefront", version: "1.0.0" }, { instructions: INSTRUCTIONS });
  server.registerTool(
    "search_catalog",
    {
      title: "Search the catalog",
      description: "Published items with price (USDC, atomic and display), files (name, size, MIME type, sha256) and payTo. All filters are optional.",
      inputSchema: searchCatalogInput,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args) => searchCatalog(args, origin),
  );
  server.registerTool(
    "buy_item",
    {
      title: "Buy an item",
      description:
        'Buys an item with x402. First call without payment: the result is the PaymentRequired (isError). Then call with _meta["x402/payment"]. ' +
        "Returns the receipt and the file (embedded up to 256 KiB) or a download link valid for five minutes.",
      inputSchema: buyItemInput,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    },
    (args, extra) => buyItem(args.slug, extra._meta, { request, origin }),
  );
  return server;
}

/**
 * One MCP request over streamable HTTP, stateless: a server and transport per request, no
 * session id. Every tool call is complete in itself (the payment travels in its `_meta`), so
 * nothing needs to outlive a request; any store process can answer it (no sticky sessions when
 * scaled out) and no client can pile up sessions in memory. Answers are single JSON bodies.
 */
export async function handleMcpRequest(request: Request): Promise<Response> {
  const server = storeMcpServer(request);
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true, maxRequestBodySize: MAX_BODY_BYTES });
  await server.connect(transport);
  try {
    return await transport.handleRequest(request);
  } finally {
    await server.close();
  }
}
