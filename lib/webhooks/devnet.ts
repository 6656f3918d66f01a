import { getEnv } from "@/lib/env";

/** Only the devnet lets webhooks reach 127.0.0.1: receivers on the developer's machine. */
export function webhooksMayUseLoopback(): boolean {
  return getEnv().NETWORK === "devnet";
}
