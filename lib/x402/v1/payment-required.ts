import type { PaymentRequired, PaymentRequirementsV1 } from "@x402/core/types";
import { reasonMessage } from "../reasons";
import { v1NetworkName } from "./networks";

/**
 * The JSON body of a 402. v2 clients read the PAYMENT-REQUIRED header; v1 clients (x402-fetch,
 * x402-axios and their forks) read this body with the v1 schema, so on a chain v1 can name the body
 * is the v1 PaymentRequired of the same offer. `error` is always the machine reason.
 */
export function paymentRequiredBody(paymentRequired: PaymentRequired, reason: string): Record<string, unknown> {
  const accepts = paymentRequired.accepts.map((requirements) => {
    const network = v1NetworkName(requirements.network);
    if (!network) return null;
    const v1: Omit<PaymentRequirementsV1, "outputSchema"> = {
      scheme: requirements.scheme,
      network: network as PaymentRequirementsV1["network"],
      maxAmountRequired: requirements.amount,
      resource: paymentRequired.resource.url,
      description: paymentRequired.resource.description ?? "",
      mimeType: paymentRequired.resource.mimeType ?? "",
      payTo: requirements.payTo,
      maxTimeoutSeconds: requirements.maxTimeoutSeconds,
      asset: requirements.asset,
      extra: requirements.extra,
    };
    return v1;
  });
  if (accepts.every((requirements) => requirements !== null)) {
    // The v2 extensions ride along for tools that read bodies; v1 clients read only x402Version and accepts.
    const extensions = paymentRequired.extensions ? { extensions: paymentRequired.extensions } : {};
    return { x402Version: 1, error: reason, message: reasonMessage(reason), accepts, ...extensions };
  }
  const unavailable = v1UnavailableBecause(paymentRequired.accepts[0]?.network ?? "");
  return { ...paymentRequired, error: reason, message: `${reasonMessage(reason)} ${unavailable}`, x402V1Unavailable: unavailable };
}

function v1UnavailableBecause(network: string): string {
  return (
    `x402 v1 clients (X-PAYMENT) cannot pay here: v1 names networks ("base-sepolia", "base") and this chain (${network}, the local devnet) has no v1 name. ` +
    "Pay with an x402 v2 client (PAYMENT-SIGNATURE), or run the store on Base Sepolia or Base, or on the local rehearsal chain (npm run chain:base-sepolia)."
  );
}
