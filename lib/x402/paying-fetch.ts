import { x402Client } from "@x402/core/client";
import { registerExactEvmScheme } from "@x402/evm/exact/client";
import { wrapFetchWithPayment } from "@x402/fetch";
import type { ClientEvmSigner } from "@x402/evm";

/**
 * `fetch` that pays 402s with the official x402 client, for agents (a local account) and for the
 * browser (a wallet-backed signer) alike. The client's defaults pay only well-known assets and at
 * most $1: a buyer here must allow this store's USDC and set its own cap.
 */
export function createPayingFetch(options: {
  signer: ClientEvmSigner;
  network: `eip155:${number}`;
  asset: `0x${string}`;
  maxAtomicPerPayment: bigint;
}) {
  const client = new x402Client();
  registerExactEvmScheme(client, { signer: options.signer, networks: [options.network] });
  client.setSpendControls({
    allowedAssets: [
      { network: options.network, asset: options.asset, maxAmountPerPayment: options.maxAtomicPerPayment.toString() },
    ],
  });
  return wrapFetchWithPayment(fetch, client);
}
