/**
 * The header through which our server (scripts/serve.ts) tells route handlers who the client is.
 * It overwrites whatever a client sends under this name, so it cannot be spoofed.
 */
export const CLIENT_ADDRESS_HEADER = "x-storefront-client-address";

export function clientAddress(headers: Headers): string {
  return headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown";
}

/**
 * The client's address for a request arriving at our server: the socket's peer, or behind a
 * trusted proxy (TRUST_PROXY=true) the address that proxy appended last to X-Forwarded-For.
 */
export function resolveClientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trustProxy: boolean): string {
  const forwarded = Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor;
  const last = forwarded?.split(",").map((part) => part.trim()).filter(Boolean).at(-1);
  return (trustProxy && last) || socketAddress || "unknown";
}
