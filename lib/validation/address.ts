import { getAddress, isAddress } from "viem";
import { z } from "zod";

/**
 * A 0x-prefixed 20-byte address, returned EIP-55 checksummed. All-lowercase and all-uppercase
 * hex carry no checksum and are accepted; a mixed-case address with a wrong checksum (a typo) is not.
 */
export const addressSchema = z
  .string()
  .trim()
  .transform((value) => (/^0x[0-9A-F]{40}$/.test(value) ? value.toLowerCase() : value))
  .refine((value) => isAddress(value, { strict: true }), "must be a 0x-prefixed 20-byte address with a valid checksum")
  .transform((value) => getAddress(value));
