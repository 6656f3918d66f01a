import { publicOrigin } from "@/lib/auth/public-origin";
import { getEnv } from "@/lib/env";

/** The headers that say where a request was addressed; the forwarded ones count behind a trusted proxy only. */
export type AddressingHeaders = { host?: string | null; forwardedHost?: string | null; forwardedProto?: string | null };

const HOST = /^[a-z0-9.[\]:-]+$/i;
const first = (value: string | null | undefined) => value?.split(",")[0]?.trim() || undefined;

/**
 * Without a trusted proxy, removes a client's X-Forwarded-Host/-Proto/-Port before Next.js reads
 * them: Next builds `request.url` and its own origin checks from them (and fills them in from the
 * Host header and socket when absent).
 */
export function dropClientForwarding(headers: Record<string, string | string[] | undefined>) {
  for (const name of ["x-forwarded-host", "x-forwarded-proto", "x-forwarded-port"]) delete headers[name];
}

/**
 * The scheme://host this request was addressed to: the Host header (the store's own server speaks
 * plain HTTP), or with TRUST_PROXY the proxy's X-Forwarded-Host/-Proto. Without TRUST_PROXY those
 * are a client's word and ignored. Null for a missing or malformed host.
 */
export function addressedOrigin(headers: AddressingHeaders, trustProxy: boolean): string | null {
  const host = (trustProxy && first(headers.forwardedHost)) || headers.host;
  if (!host || !HOST.test(host)) return null;
  const proto = trustProxy && first(headers.forwardedProto) === "https" ? "https" : "http";
  try {
    return new URL(`${proto}://${host}`).origin;
  } catch {
    return null;
  }
}

/**
 * The base of absolute URLs in answers (catalog, redirects, the 402's resource): PUBLIC_URL when
 * set, otherwise the origin the request was addressed to (see addressedOrigin).
 */
export function requestOrigin(headers: Headers): string {
  const env = getEnv();
  if (env.PUBLIC_URL) return env.PUBLIC_URL.replace(/\/$/, "");
  const addressed = addressedOrigin(
    { host: headers.get("host"), forwardedHost: headers.get("x-forwarded-host"), forwardedProto: headers.get("x-forwarded-proto") },
    env.TRUST_PROXY === "true",
  );
  return addressed ?? publicOrigin().origin;
}
