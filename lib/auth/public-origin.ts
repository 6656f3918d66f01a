import { getEnv } from "@/lib/env";

/**
 * The origin that Sign-In-With-X proofs must name. Configured, never taken from request headers:
 * trusting X-Forwarded-Host here would let a proof signed for another site be replayed against us.
 */
export function publicOrigin(): URL {
  const env = getEnv();
  return new URL(env.PUBLIC_URL ?? `http://${env.HOST}:${env.PORT}`);
}
