import type { FacilitatorClient } from "@x402/core/server";
import type { PaymentPayload, PaymentPayloadV1, PaymentRequirements, PaymentRequirementsV1 } from "@x402/core/types";
import { v1NetworkName } from "./networks";

/**
 * A facilitator client that hands v1 payments over as v1 (`x402Version: 1`, network by name,
 * `maxAmountRequired`, the resource), so that they are verified and settled by the official v1
 * exact scheme, embedded or remote. The store's own path keeps v2 requirements throughout: the
 * database claim names the network by CAIP-2 id, so a v1 and a v2 copy of one authorization are
 * one payment.
 */
export function speakingV1(client: FacilitatorClient): FacilitatorClient {
  return {
    verify: (payload, requirements) => (payload.x402Version === 1 ? client.verify(...toV1(payload, requirements)) : client.verify(payload, requirements)),
    settle: (payload, requirements) => (payload.x402Version === 1 ? client.settle(...toV1(payload, requirements)) : client.settle(payload, requirements)),
    getSupported: () => client.getSupported(),
  };
}

function toV1(payload: PaymentPayload, requirements: PaymentRequirements): [PaymentPayload, PaymentRequirements] {
  const network = (v1NetworkName(requirements.network) ?? requirements.network) as PaymentRequirementsV1["network"];
  const v1Payload: PaymentPayloadV1 = { x402Version: 1, scheme: requirements.scheme, network, payload: payload.payload };
  const v1Requirements: Omit<PaymentRequirementsV1, "outputSchema"> = {
    scheme: requirements.scheme,
    network,
    maxAmountRequired: requirements.amount,
    resource: payload.resource?.url ?? "",
    description: payload.resource?.description ?? "",
    mimeType: payload.resource?.mimeType ?? "",
    payTo: requirements.payTo,
    maxTimeoutSeconds: requirements.maxTimeoutSeconds,
    asset: requirements.asset,
    extra: requirements.extra,
  };
  // The client interface is typed for v2; the facilitators read the version from the payload.
  return [v1Payload as unknown as PaymentPayload, v1Requirements as unknown as PaymentRequirements];
}
