/**
 * Headers every response carries unless its route set its own (covers and downloads set stricter
 * ones). Scripts allow 'unsafe-inline' because Next's App Router inlines its bootstrap data; a
 * per-request nonce would need a proxy, and Next's proxy buffers request bodies, which would undo
 * streamed uploads.
 */
export function securityHeaders(options: { browserRpcUrl: string; walletConnect: boolean; dev: boolean }): Record<string, string> {
  const connect = ["'self'", new URL(options.browserRpcUrl).origin];
  if (options.walletConnect) connect.push("https://*.walletconnect.com", "wss://*.walletconnect.com", "https://*.walletconnect.org", "wss://*.walletconnect.org");
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${connect.join(" ")}${options.dev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  return {
    "content-security-policy": csp,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "cross-origin-opener-policy": "same-origin-allow-popups",
  };
}
