import { getEnv } from "@/lib/env";
import { runShutdown } from "@/lib/shutdown";

export type FaultPoint = NonNullable<ReturnType<typeof getEnv>["STOREFRONT_FAULT"]>;

/**
 * Crash-safety tests ask the server to die at a chosen point (`STOREFRONT_FAULT`). On the devnet
 * only: no production configuration can reach it. The process closes its database (PGlite would
 * otherwise be unusable) and exits without running another line of the request.
 */
export async function faultPoint(point: FaultPoint): Promise<void> {
  const env = getEnv();
  if (env.STOREFRONT_FAULT !== point || env.NETWORK !== "devnet") return;
  console.error(`fault injection: the server exits at ${point}`);
  await runShutdown();
  process.exit(86);
}
