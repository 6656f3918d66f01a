import type { PaymentPayload } from "@x402/core/types";
import { getAddress, isAddress } from "viem";
import { z } from "zod";

const authorizationSchema = z.object({
  signature: z.string().regex(/^0x[0-9a-fA-F]+$/),
  authorization: z.object({
    from: z.string().refine((value) => isAddress(value, { strict: false })),
    to: z.string().refine((value) => isAddress(value, { strict: false })),
    value: z.string().regex(/^\d+$/),
    validAfter: z.string().regex(/^\d+$/),
    validBefore: z.string().regex(/^\d+$/),
    nonce: z.string().regex(/^0x[0-9a-fA-F]{64}$/),
  }),
});

export type Eip3009Authorization = { payer: `0x${string}`; nonce: string };

/** The payer and nonce of an exact-scheme EIP-3009 payment, or null when the payload has another shape. */
export function readEip3009Authorization(payload: PaymentPayload): Eip3009Authorization | null {
  const parsed = authorizationSchema.safeParse(payload.payload);
  if (!parsed.success) return null;
  return { payer: getAddress(parsed.data.authorization.from), nonce: parsed.data.authorization.nonce.toLowerCase() };
}
