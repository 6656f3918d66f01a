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

export type Eip3009Authorization = {
  payer: `0x${string}`;
  to: `0x${string}`;
  value: bigint;
  validAfter: bigint;
  validBefore: bigint;
  /** Lowercase bytes32 hex, as stored. */
  nonce: `0x${string}`;
  signature: `0x${string}`;
};

/** The signed EIP-3009 authorization of an exact-scheme payment, or null when the payload has another shape. */
export function readEip3009Authorization(payload: PaymentPayload): Eip3009Authorization | null {
  const parsed = authorizationSchema.safeParse(payload.payload);
  if (!parsed.success) return null;
  const { authorization, signature } = parsed.data;
  return {
    payer: getAddress(authorization.from),
    to: getAddress(authorization.to),
    value: BigInt(authorization.value),
    validAfter: BigInt(authorization.validAfter),
    validBefore: BigInt(authorization.validBefore),
    nonce: authorization.nonce.toLowerCase() as `0x${string}`,
    signature: signature as `0x${string}`,
  };
}
