import type { CatalogItemWithFiles } from "@/db/queries/catalog";
import { paidFilesOf } from "@/lib/downloads/deliver-item";

/** One optional query parameter of the paid download, as every discovery document describes it. */
export type DownloadQueryParameter = { name: string; description: string; schema: Record<string, unknown> };

/**
 * The download's optional query parameters (lib/pricing). This list is the one place to add one;
 * /openapi.json, the 402's `bazaar` extension and /.well-known/x402 all read it.
 */
export const DOWNLOAD_QUERY_PARAMETERS: readonly DownloadQueryParameter[] = [
  {
    name: "code",
    description:
      "A discount code of the item's creator (case-insensitive). The 402 then asks the discounted amount; an unknown, paused, " +
      "expired or used-up code is a 400 (discount_code_invalid, discount_code_expired, discount_code_exhausted) with no payment terms.",
    schema: { type: "string", pattern: "^[A-Za-z0-9-]{3,32}$" },
  },
  {
    name: "amount",
    description:
      "Pay-what-you-want items only (catalog pricing.mode \"pwyw\"): the USDC amount to pay, up to 6 decimals; without it, the suggested " +
      "price. Below the minimum is a 400 amount_below_minimum; malformed, above the store's maximum or on a fixed-price item, a 400 invalid_amount. " +
      "0 (where the minimum is 0), like a 100 % code, is a free claim: sign the 402's sign-in-with-x challenge and send it back.",
    schema: { type: "string", pattern: "^\\d{1,15}(\\.\\d{1,6})?$" },
  },
];

/** The query parameters as one JSON Schema object (what bazaar's `queryParams` and the manifest's `input` carry). */
export function downloadQuerySchema(): { properties: Record<string, unknown>; additionalProperties: boolean } {
  return {
    properties: Object.fromEntries(DOWNLOAD_QUERY_PARAMETERS.map(({ name, description, schema }) => [name, { ...schema, description }])),
    additionalProperties: false,
  };
}

export type DownloadedFile = { name: string; mediaType: string; size: number; sha256: string };

/**
 * What a paid download answers with: one file as itself (its type, exact size and sha256), or
 * several as one ZIP built while it streams, whose entries are listed with theirs. The ZIP's own
 * size is known only when it is built (Content-Length of the download says it).
 */
export type DownloadOutput = { mediaType: string; size?: number; sha256?: string; fileCount: number; files: DownloadedFile[] };

export function downloadOutputOf(item: CatalogItemWithFiles): DownloadOutput {
  const files = paidFilesOf(item).map((file) => ({ name: file.fileName, mediaType: file.mimeType, size: file.sizeBytes, sha256: file.sha256 }));
  const fileCount = files.length;
  if (fileCount === 1) return { mediaType: files[0].mediaType, size: files[0].size, sha256: files[0].sha256, fileCount, files };
  return { mediaType: "application/zip", fileCount, files };
}

const SHA256 = { type: "string", pattern: "^[0-9a-f]{64}$" } as const;

/** JSON Schema of DownloadOutput: how an agent checks what it received (sha256 of the bytes). */
export const DOWNLOAD_OUTPUT_SCHEMA = {
  properties: {
    mediaType: { type: "string", description: "Content-Type of the download: the file's own, or application/zip for several files" },
    size: { type: "integer", minimum: 0, description: "Exact size in bytes of a single-file download" },
    sha256: { ...SHA256, description: "sha256 (hex) of a single-file download's bytes" },
    fileCount: { type: "integer", minimum: 1, description: "How many files the download holds" },
    files: {
      type: "array",
      description: "The files bought: the download itself, or the ZIP's entries",
      items: {
        type: "object",
        properties: { name: { type: "string" }, mediaType: { type: "string" }, size: { type: "integer", minimum: 0 }, sha256: SHA256 },
        required: ["name", "mediaType", "size", "sha256"],
      },
    },
  },
  required: ["mediaType", "fileCount"],
} as const;
