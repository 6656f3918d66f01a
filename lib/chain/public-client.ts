import type { PublicClient } from "viem";
import { createChainPublicClient } from "./clients";
import { getChainConfig } from "./config";

let client: PublicClient | undefined;

/** The server's read-only client of the configured chain, created on first use. */
export function getPublicClient(): PublicClient {
  client ??= createChainPublicClient(getChainConfig());
  return client;
}
