import { getEnv } from "@/lib/env";

/**
 * The origin the client used to reach us, for absolute URLs: PUBLIC_URL when set, otherwise the
 * proxy's X-Forwarded-Proto/Host, otherwise the Host header.
 */
export function requestOrigin(headers: Headers, fallbackUrl?: string): string {
  const configured = getEnv().PUBLIC_URL;
  if (configured) return configured.replace(/\/$/, "");
  const forwardedHost = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  const host = forwardedHost || headers.get("host");
  const forwardedProto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  if (host && /^[a-z0-9.[\]:-]+$/i.test(host)) {
    const proto = forwardedProto === "https" || forwardedProto === "http" ? forwardedProto : "http";
    return `${proto}://${host}`;
  }
  return fallbackUrl ? new URL(fallbackUrl).origin : `http://${getEnv().HOST}:${getEnv().PORT}`;
}
