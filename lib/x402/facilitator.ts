import { createCdpAuthHeaders } from "@coinbase/x402";
import { x402Facilitator } from "@x402/core/facilitator";
import { type FacilitatorClient, HTTPFacilitatorClient } from "@x402/core/server";
import type { SupportedResponse } from "@x402/core/types";
import { toFacilitatorEvmSigner } from "@x402/evm";
import { registerExactEvmScheme } from "@x402/evm/exact/facilitator";
import { createWalletClient, http, nonceManager } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { RPC_TIMEOUT_MS, createChainPublicClient } from "@/lib/chain/clients";
import { rpcFetch } from "@/lib/chain/rpc-fetch";
import type { ChainConfig } from "@/lib/chain/networks";
import { noteBlockNumber } from "@/lib/chain/recent-block";
import { devnetClock } from "@/lib/devnet/clock";
import type { Env } from "@/lib/env";
import { faultPoint } from "@/lib/testing/fault";
import { readEip3009Authorization } from "./authorization";
import { recentCode } from "./recent-code";
import { speakingV1 } from "./v1/facilitator-wire";

/** The store's facilitator as configured: FACILITATOR_URL (with CDP keys if set), or the embedded one. */
export function facilitatorFromEnv(env: Env, chain: ChainConfig): FacilitatorClient {
  return createFacilitatorClient({
    chain,
    facilitatorUrl: env.FACILITATOR_URL,
    facilitatorPrivateKey: env.FACILITATOR_PRIVATE_KEY,
    cdpApiKey: env.CDP_API_KEY_ID && env.CDP_API_KEY_SECRET ? { id: env.CDP_API_KEY_ID, secret: env.CDP_API_KEY_SECRET } : undefined,
    timeoutMs: env.FACILITATOR_TIMEOUT_MS,
  });
}

/**
 * The facilitator that verifies and settles payments: a remote one when FACILITATOR_URL is set,
 * otherwise the official x402 facilitator embedded in this process, paying gas from its own key.
 */
export function createFacilitatorClient(options: {
  chain: ChainConfig;
  facilitatorUrl?: string;
  facilitatorPrivateKey?: `0x${string}`;
  /** Coinbase's CDP facilitator wants signed auth headers on every request. */
  cdpApiKey?: { id: string; secret: string };
  /** Per request to a remote facilitator; a hanging one becomes a 503, not a hung download. */
  timeoutMs: number;
}): FacilitatorClient {
  if (options.facilitatorUrl) {
    const { cdpApiKey } = options;
    return speakingV1(
      new HTTPFacilitatorClient({
        url: options.facilitatorUrl,
        timeoutMs: options.timeoutMs,
        createAuthHeaders: cdpApiKey ? createCdpAuthHeaders(cdpApiKey.id, cdpApiKey.secret) : undefined,
      }),
    );
  }
  if (!options.facilitatorPrivateKey) {
    throw new Error("FACILITATOR_PRIVATE_KEY is required for the embedded facilitator (or set FACILITATOR_URL)");
  }
  return speakingV1(createEmbeddedFacilitator(options.chain, options.facilitatorPrivateKey));
}

function createEmbeddedFacilitator(chain: ChainConfig, privateKey: `0x${string}`): FacilitatorClient {
  // viem's nonce manager hands out transaction nonces in process: buyers settling at the same
  // moment would otherwise collide on the facilitator's nonce ("nonce too low").
  const account = privateKeyToAccount(privateKey, { nonceManager });
  const publicClient = createChainPublicClient(chain);
  const walletClient = createWalletClient({
    account,
    chain: chain.chain,
    transport: http(chain.rpcUrl, { timeout: RPC_TIMEOUT_MS, retryCount: 0, fetchFn: rpcFetch }),
  });
  const codeOf = recentCode((address) => publicClient.getCode({ address }));
  // viem's clients are not assignable to the signer type as they are; this adapter is the seam.
  const signer = toFacilitatorEvmSigner({
    address: account.address,
    readContract: (args) => publicClient.readContract(args as Parameters<typeof publicClient.readContract>[0]),
    verifyTypedData: (args) => publicClient.verifyTypedData(args as Parameters<typeof publicClient.verifyTypedData>[0]),
    writeContract: async (args) => {
      const hash = await walletClient.writeContract(args as Parameters<typeof walletClient.writeContract>[0]);
      await faultPoint("exit-after-settlement-broadcast");
      return hash;
    },
    sendTransaction: (args) => walletClient.sendTransaction(args),
    waitForTransactionReceipt: async (args) => {
      const receipt = await publicClient.waitForTransactionReceipt(args);
      noteBlockNumber(publicClient, receipt.blockNumber);
      return receipt;
    },
    getCode: (args) => codeOf(args.address),
  });
  const facilitator = new x402Facilitator();
  // Registers the v2 exact scheme on our network and the official v1 exact scheme
  // (ExactEvmSchemeV1, via registerV1) on every network v1 names.
  registerExactEvmScheme(facilitator, { signer, networks: chain.network });
  // An idle anvil's last block is old, and the payment's simulation runs at its time.
  const clockReady: (validAfter?: bigint) => Promise<void> = chain.name === "devnet" ? devnetClock(publicClient) : async () => {};
  return {
    verify: async (payload, requirements) => {
      await clockReady(readEip3009Authorization(payload)?.validAfter);
      return facilitator.verify(payload, requirements);
    },
    settle: (payload, requirements) => facilitator.settle(payload, requirements),
    // Same data as the remote /supported; only the network strings are typed more loosely.
    getSupported: async () => facilitator.getSupported() as SupportedResponse,
  };
}
