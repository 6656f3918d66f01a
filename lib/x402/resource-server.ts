import { x402ResourceServer } from "@x402/core/server";
import type { PublicClient } from "viem";
import { ExactEvmScheme } from "@x402/evm/exact/server";
import { getChainConfig } from "@/lib/chain/config";
import { createChainPublicClient } from "@/lib/chain/clients";
import type { ChainConfig } from "@/lib/chain/networks";
import { getEnv } from "@/lib/env";
import { facilitatorFromEnv } from "./facilitator";
import { offerReceiptExtension } from "./offer-receipt";
import { type TokenDomain, readTokenDomain, tokenDomainProblem } from "./token-domain";

export type Paywall = { server: x402ResourceServer; chain: ChainConfig; tokenDomain: TokenDomain; publicClient: PublicClient };

let ready: Promise<Paywall> | undefined;

async function createPaywall(): Promise<Paywall> {
  const env = getEnv();
  const chain = getChainConfig();
  const publicClient = createChainPublicClient(chain);
  const tokenDomain = await readTokenDomain(publicClient, chain.usdc);
  const problem = tokenDomainProblem(chain.chainId, tokenDomain);
  if (problem) throw new Error(problem);
  const facilitator = facilitatorFromEnv(env, chain);
  const server = new x402ResourceServer(facilitator).register(chain.network, new ExactEvmScheme());
  const offers = offerReceiptExtension();
  if (offers) server.registerExtension(offers);
  // No Sign-In-With-X extension here: it would replace each 402's challenge with a random nonce
  // of its own. The challenge comes complete from lib/auth/siwx.ts, which also checks the proofs.
  // Asks the facilitator which schemes and networks it settles; fails if it cannot be reached.
  await server.initialize();
  return { server, chain, tokenDomain, publicClient };
}

/**
 * The x402 resource server, initialised on first use. If that fails (facilitator or RPC down),
 * the next request tries again; until then downloads answer 503, never a free file.
 */
export function getPaywall(): Promise<Paywall> {
  ready ??= createPaywall().catch((error: unknown) => {
    ready = undefined;
    throw error;
  });
  return ready;
}
