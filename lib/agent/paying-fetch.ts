import { x402Client } from "@x402/core/client";
import { registerExactEvmScheme } from "@x402/evm/exact/client";
import { wrapFetchWithPayment } from "@x402/fetch";
import type { LocalAccount } from "viem";

/**
 * `fetch` that pays 402s with the official x402 client. Its defaults pay only well-known assets
 * and at most $1: an agent buying here must allow this store's USDC and set its own cap.
 */
export function createPayingFetch(options: {
  account: LocalAccount;
  network: `eip155:${number}`;
  asset: `0x${string}`;
  maxAtomicPerPayment: bigint;
}) {
  const client = new x402Client();
  registerExactEvmScheme(client, { signer: options.account, networks: [options.network] });
  client.setSpendControls({
    allowedAssets: [
      { network: options.network, asset: options.asset, maxAmountPerPayment: options.maxAtomicPerPayment.toString() },
    ],
  });
  return wrapFetchWithPayment(fetch, client);
}
