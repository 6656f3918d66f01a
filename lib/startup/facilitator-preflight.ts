import type { FacilitatorClient } from "@x402/core/server";
import type { SupportedResponse } from "@x402/core/types";
import type { ChainConfig } from "@/lib/chain/networks";

export type FacilitatorCheck =
  | { kind: "ok"; v1: boolean }
  /** It did not answer /supported: the store starts, and downloads answer 503 until it does. */
  | { kind: "unreachable"; problem: string }
  /** It answered without our scheme and network: it could never settle a payment for this store. */
  | { kind: "unsupported"; listed: string[] };

/** The scheme the store sells with: EIP-3009 `exact` payments. */
const SCHEME = "exact";

/**
 * Asks a remote facilitator what it settles, before the store takes a payment it could not
 * settle. v2 kinds name the network by CAIP-2 id, v1 kinds by name ("base-sepolia").
 */
export async function checkFacilitator(facilitator: FacilitatorClient, chain: ChainConfig): Promise<FacilitatorCheck> {
  let supported: SupportedResponse;
  try {
    supported = await facilitator.getSupported();
  } catch (error) {
    return { kind: "unreachable", problem: error instanceof Error ? error.message.split("\n")[0] : String(error) };
  }
  const kinds = Array.isArray(supported?.kinds) ? supported.kinds : [];
  const offers = (version: number, network: string) =>
    kinds.some((kind) => kind.x402Version === version && kind.scheme === SCHEME && kind.network === network);
  if (!offers(2, chain.network)) {
    return { kind: "unsupported", listed: kinds.map((kind) => `${kind.scheme} on ${kind.network} (v${kind.x402Version})`) };
  }
  return { kind: "ok", v1: chain.name !== "devnet" && offers(1, chain.name) };
}

/** The one line the start command prints when the facilitator cannot serve this store. */
export function describeUnsupportedFacilitator(url: string, chain: ChainConfig, listed: string[]): string {
  const what = listed.length ? `it lists ${listed.join(", ")}` : "it lists nothing";
  const { origin, pathname } = new URL(url);
  return `FACILITATOR_URL ${origin}${pathname.replace(/\/$/, "")} does not settle ${SCHEME} payments on ${chain.network} (${chain.name}): ${what}; use a facilitator for ${chain.name}`;
}
