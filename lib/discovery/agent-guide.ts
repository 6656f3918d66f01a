import type { BrowserChain } from "@/lib/chain/browser-chain";

/** Networks the x402 v1 clients (x402-fetch 1.x) can name: v1 has no name for any other chain. */
const V1_NETWORKS: Record<number, string> = { 8453: "base", 84532: "base-sepolia" };

/** The chain facts the "For agents" page states, all from the store's configuration. */
export type AgentGuide = {
  networkName: string;
  network: `eip155:${number}`;
  usdc: `0x${string}`;
  /** The token on the chain's block explorer, when the chain has one. */
  usdcUrl: string | null;
  /** The v1 network name when x402 v1 clients can pay this store, else null. */
  v1Network: string | null;
  sample: string;
};

/**
 * The official client paying one download: the same three steps the page explains. The spend
 * control matters: since @x402/core 2.23 the client pays only well-known assets, at most $1.
 */
function payingFetchSample(chain: BrowserChain, downloadUrl: string): string {
  return `import { x402Client } from "@x402/core/client";
import { registerExactEvmScheme } from "@x402/evm/exact/client";
import { wrapFetchWithPayment } from "@x402/fetch";
import { privateKeyToAccount } from "viem/accounts";

const account = privateKeyToAccount(process.env.PRIVATE_KEY as \`0x\${string}\`);
const client = new x402Client();
registerExactEvmScheme(client, { signer: account, networks: ["${chain.network}"] });
// Allow this store's USDC and cap each payment (here 5 USDC, in 6-decimal units).
client.setSpendControls({
  allowedAssets: [{ network: "${chain.network}", asset: "${chain.usdc}", maxAmountPerPayment: "5000000" }],
});

const payingFetch = wrapFetchWithPayment(fetch, client);
const response = await payingFetch("${downloadUrl}");
const file = Buffer.from(await response.arrayBuffer());`;
}

export function agentGuide(chain: BrowserChain, downloadUrl: string): AgentGuide {
  return {
    networkName: chain.name,
    network: chain.network,
    usdc: chain.usdc,
    usdcUrl: chain.explorerUrl ? `${chain.explorerUrl}/token/${chain.usdc}` : null,
    v1Network: V1_NETWORKS[chain.id] ?? null,
    sample: payingFetchSample(chain, downloadUrl),
  };
}
