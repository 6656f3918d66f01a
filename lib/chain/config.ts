import { getEnv } from "@/lib/env";
import { type ChainConfig, chainConfigFrom } from "./networks";

let cached: ChainConfig | undefined;

/** The server's chain configuration, resolved on first use. */
export function getChainConfig(): ChainConfig {
  cached ??= chainConfigFrom(getEnv());
  return cached;
}
