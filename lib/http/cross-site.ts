import type { IncomingHttpHeaders, ServerResponse } from "node:http";
import { addressedOrigin } from "./request-origin";

/**
 * What the studio and the library accept as a state change. Browsers attach SameSite=Lax cookies
 * to requests from the same site (another port of the host is the same site) and let any page
 * send a text/plain form or a no-cors fetch without a CORS preflight: without this, a page
 * elsewhere could act with a signed-in creator's cookie, or sign a visitor into the attacker's
 * studio. Origin and Sec-Fetch-Site say where a browser's request comes from; agents and curl
 * send neither and pass.
 */
export type StateChangeRequest = { method?: string; url?: string; headers: IncomingHttpHeaders };
export type Site = { publicOrigin: string; trustProxy: boolean };
export type Refusal = { status: 403 | 415; error: "cross_site_request" | "unsupported_content_type"; message: string };

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);
// /mcp too: the MCP transport spec asks servers to refuse foreign Origins (DNS rebinding). The
// devnet faucet mints for whoever asks: another site must not spend a visitor's allowance.
const GUARDED = /^\/(api\/(studio|library|devnet)|mcp)(\/|$)/;
/** Uploads: the body is the file itself, whatever its type. */
const RAW_BODY: { method: string; path: RegExp }[] = [
  { method: "POST", path: /^\/api\/studio\/items\/[^/]+\/files$/ },
  { method: "PUT", path: /^\/api\/studio\/items\/[^/]+\/files\/[^/]+$/ },
  { method: "PUT", path: /^\/api\/studio\/items\/[^/]+\/cover$/ },
  { method: "PUT", path: /^\/api\/studio\/profile\/avatar$/ },
];

const CROSS_SITE: Refusal = {
  status: 403,
  error: "cross_site_request",
  message: "This request came from another site (or another port of this host). The store accepts changes only from its own pages.",
};
const NOT_JSON: Refusal = { status: 415, error: "unsupported_content_type", message: "Send the request body as application/json." };

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(",") : value);

/** The path as routing sees it, whatever its spelling: decoded, dot segments resolved, slashes collapsed. */
function routedPath(url: string | undefined): string {
  let path = url ?? "/";
  try {
    path = new URL(path.startsWith("/") ? `http://store${path}` : path).pathname;
    path = decodeURIComponent(path);
  } catch {
    // Unparseable or malformed escapes: match what is there.
  }
  return path.replace(/\/{2,}/g, "/").replace(/(.)\/$/, "$1").toLowerCase();
}

function fromOtherSite(headers: IncomingHttpHeaders, site: Site): boolean {
  const fetchSite = single(headers["sec-fetch-site"]);
  if (fetchSite !== undefined && fetchSite !== "same-origin" && fetchSite !== "none") return true;
  const origin = single(headers.origin);
  if (origin === undefined) return false;
  const own = [
    site.publicOrigin,
    addressedOrigin(
      { host: single(headers.host), forwardedHost: single(headers["x-forwarded-host"]), forwardedProto: single(headers["x-forwarded-proto"]) },
      site.trustProxy,
    ),
  ];
  try {
    return !own.includes(new URL(origin).origin);
  } catch {
    // "null" (sandboxed frames, privacy-sensitive redirects) and anything unparseable.
    return true;
  }
}

function hasBody(headers: IncomingHttpHeaders): boolean {
  return headers["transfer-encoding"] !== undefined || Number(headers["content-length"] ?? 0) > 0;
}

function isJson(headers: IncomingHttpHeaders): boolean {
  return (headers["content-type"] ?? "").split(";")[0].trim().toLowerCase() === "application/json";
}

/** Why a studio or library state change must be refused before it reaches a route, or null. */
export function stateChangeRefusal(request: StateChangeRequest, site: Site): Refusal | null {
  const method = (request.method ?? "GET").toUpperCase();
  if (!STATE_CHANGING.has(method)) return null;
  const path = routedPath(request.url);
  if (!GUARDED.test(path)) return null;
  if (fromOtherSite(request.headers, site)) return CROSS_SITE;
  const raw = RAW_BODY.some((route) => route.method === method && route.path.test(path));
  if (!raw && hasBody(request.headers) && !isJson(request.headers)) return NOT_JSON;
  return null;
}

/** Answers a refusal without reading the body. */
export function sendRefusal(response: ServerResponse, refusal: Refusal) {
  response.writeHead(refusal.status, { "content-type": "application/json", "cache-control": "no-store" });
  response.end(JSON.stringify({ error: refusal.error, message: refusal.message }));
}
