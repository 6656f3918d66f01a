import { x402Client } from "@x402/core/client";
import { registerExactEvmScheme } from "@x402/evm/exact/client";
import type { ClientEvmSigner } from "@x402/evm";
import { appendPaymentIdentifierToExtensions, generatePaymentId } from "@x402/extensions/payment-identifier";
import { wrapFetchWithPayment } from "@x402/fetch";

/** How often a paid request is sent again while the store answers "settlement pending" (5 s apart by default). */
const SETTLEMENT_RETRIES = 12;

/**
 * Sends a paid request again, unchanged, while the store answers 503 `settlement_pending`, as the
 * store asks: the same header (with its payment id) resumes the payment, whereas signing again
 * could pay twice. The official client returns the 503 as it is.
 */
function retryWhileSettling(inner: typeof fetch): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const paid = request.headers.has("PAYMENT-SIGNATURE") || request.headers.has("X-PAYMENT");
    for (let attempt = 1; ; attempt++) {
      const response = await inner(request.clone());
      if (!paid || response.status !== 503 || attempt > SETTLEMENT_RETRIES) return response;
      const body = (await response.clone().json().catch(() => null)) as { error?: string } | null;
      if (body?.error !== "settlement_pending") return response;
      const seconds = Math.min(Math.max(Number(response.headers.get("retry-after")) || 5, 1), 30);
      await response.body?.cancel();
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    }
  };
}

/**
 * `fetch` that pays 402s with the official x402 client, for agents (a local account) and for the
 * browser (a wallet-backed signer) alike. The client's defaults pay only well-known assets and at
 * most $1: a buyer here must allow this store's USDC and set its own cap. Each payment carries a
 * fresh x402 payment id, the one part of a payment that never appears on-chain: with it a retry
 * after a lost answer gets the file; without it only Sign-In-With-X does.
 */
export function createPayingFetch(options: {
  signer: ClientEvmSigner;
  network: `eip155:${number}`;
  asset: `0x${string}`;
  maxAtomicPerPayment: bigint;
  /** The fetch underneath (the global one by default). */
  fetch?: typeof fetch;
}) {
  const client = new x402Client();
  registerExactEvmScheme(client, { signer: options.signer, networks: [options.network] });
  client.setSpendControls({
    allowedAssets: [
      { network: options.network, asset: options.asset, maxAmountPerPayment: options.maxAtomicPerPayment.toString() },
    ],
  });
  client.onBeforePaymentCreation(async ({ paymentRequired }) => {
    if (paymentRequired.extensions) appendPaymentIdentifierToExtensions(paymentRequired.extensions as Record<string, unknown>, generatePaymentId());
  });
  return wrapFetchWithPayment(retryWhileSettling(options.fetch ?? fetch), client);
}
