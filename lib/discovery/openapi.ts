import type { CatalogItemWithFiles } from "@/db/queries/catalog";
import { CATALOG_API_DEFAULT_LIMIT, CATALOG_API_MAX_LIMIT } from "@/lib/catalog/catalog-api";
import { downloadPath } from "@/lib/catalog/paths";
import { USDC_DECIMALS } from "@/lib/money/usdc";
import { DOWNLOAD_QUERY_PARAMETERS, downloadOutputOf } from "./download-contract";
import { STORE_NAME, type StoreFacts, paymentTermsOf, priceInUsd } from "./store-facts";

/** The security scheme a past buyer's re-download uses; OpenAPI has no SIWX type, hence the agentcash marker. */
const SIWX_SCHEME = "SignInWithX";

const GUIDANCE =
  "Each GET /api/download/<slug> answers 402 with x402 v2 payment terms (PAYMENT-REQUIRED header): pay with an x402 client " +
  "(USDC, exact scheme, EIP-3009) and the same request returns the file. A wallet that bought an item downloads it again " +
  "without paying by answering the 402's sign-in-with-x challenge (SIGN-IN-WITH-X header). GET /api/catalog lists every " +
  "item with its files' sha256 to verify what you received. Details: /llms.txt.";

const PAYMENT_HEADERS = [
  { name: "PAYMENT-SIGNATURE", description: "x402 v2 payment payload (base64 JSON), signed for the terms of this URL's 402" },
  { name: "X-PAYMENT", description: "The same payment under the older header name" },
];

function downloadOperation(item: CatalogItemWithFiles, facts: StoreFacts) {
  const output = downloadOutputOf(item);
  const terms = paymentTermsOf(item, facts.chain);
  const single = output.size !== undefined ? output : null;
  return {
    operationId: `download-${item.slug}`,
    summary: item.title,
    ...(item.description ? { description: item.description } : {}),
    tags: ["downloads"],
    // Either a payment (no API credential: x-payment-info) or a past buyer's Sign-In-With-X proof.
    security: [{}, { [SIWX_SCHEME]: [] }],
    parameters: [
      ...DOWNLOAD_QUERY_PARAMETERS.map(({ name, description, schema }) => ({ name, in: "query", required: false, description, schema })),
      ...PAYMENT_HEADERS.map(({ name, description }) => ({ name, in: "header", required: false, description, schema: { type: "string" } })),
    ],
    "x-payment-info": {
      price: { mode: "fixed", currency: "USD", amount: priceInUsd(item) },
      protocols: [{ x402: { x402Version: 2, ...terms, decimals: USDC_DECIMALS } }],
    },
    responses: {
      "200": {
        description: single
          ? `The file (${single.mediaType}, ${single.size} bytes, sha256 ${single.sha256}).`
          : `A ZIP of ${output.files.length} files, built while it streams; each entry's sha256 is listed in x-output.`,
        headers: {
          "PAYMENT-RESPONSE": { description: "The settlement (base64 JSON) with its transaction hash", schema: { type: "string" } },
          ...(single ? { "Content-Length": { schema: { type: "integer", const: single.size } } } : {}),
        },
        content: { [output.mediaType]: { schema: { type: "string", contentMediaType: output.mediaType } } },
        "x-output": output,
      },
      "402": {
        description: "Payment required: the x402 v2 terms in the PAYMENT-REQUIRED header and the JSON body, with a reason when a payment was refused.",
        headers: { "PAYMENT-REQUIRED": { description: "x402 PaymentRequired, base64 JSON", schema: { type: "string" } } },
        content: { "application/json": { schema: { $ref: "#/components/schemas/Refusal" } } },
      },
      "400": { description: "The price query cannot be honoured (error: discount_code_invalid, discount_code_expired, discount_code_exhausted, amount_below_minimum or invalid_amount); no payment terms." },
      "404": { description: "No such published item." },
      "429": { description: "Too many requests from this client or wallet; see Retry-After." },
      "503": { description: "Payments or storage unavailable, or a payment's settlement still open; retry the same request after Retry-After." },
    },
  };
}

const freeOperations = {
  "/api/catalog": {
    get: {
      operationId: "catalog",
      summary: "Every published item: price, pricing (fixed or pay-what-you-want), discountCodes, payTo, files with size, type and sha256, download URL",
      description:
        `Newest first, in pages of \`limit\` items (default ${CATALOG_API_DEFAULT_LIMIT}). \`next\` is the cursor of the ` +
        "following page, or null on the last: pass it back as `cursor` until it is null.",
      tags: ["catalog"],
      security: [],
      parameters: [
        { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: CATALOG_API_MAX_LIMIT, default: CATALOG_API_DEFAULT_LIMIT } },
        { name: "cursor", in: "query", required: false, schema: { type: "string" }, description: "A `next` value from the previous page." },
      ],
      responses: {
        "200": {
          description: "One page of the catalog.",
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["network", "asset", "items", "next"],
                properties: { network: { type: "string" }, asset: { type: "string" }, items: { type: "array", items: { type: "object" } }, next: { type: ["string", "null"] } },
              },
            },
          },
        },
        "400": { description: "A limit out of range (invalid_limit) or a cursor this catalog did not give (invalid_cursor)." },
      },
    },
  },
  "/api/receipts/{transaction}": {
    get: {
      operationId: "receipt",
      summary: "The store's receipt of a settled payment, by its transaction hash",
      tags: ["receipts"],
      security: [],
      parameters: [{ name: "transaction", in: "path", required: true, schema: { type: "string", pattern: "^0x[0-9a-fA-F]{64}$" } }],
      responses: {
        "200": { description: "The receipt.", content: { "application/json": { schema: { type: "object" } } } },
        "400": { description: "Not a transaction hash." },
        "404": { description: "No settled payment with this transaction." },
      },
    },
  },
};

/**
 * The store as an OpenAPI 3.1 document, in the agentcash discovery profile: one paid operation per
 * published item (x-payment-info, either payment or Sign-In-With-X), and the free catalog and
 * receipt routes.
 */
export function openApiDocument(facts: StoreFacts) {
  const { origin } = facts;
  const paths: Record<string, unknown> = {};
  for (const item of facts.items) paths[downloadPath(item.slug)] = { get: downloadOperation(item, facts) };
  return {
    openapi: "3.1.0",
    info: {
      title: STORE_NAME,
      version: "1.0.0",
      description: `Digital files (e-books, music, courses) sold per download over HTTP 402 (x402), in USDC on ${facts.chain.network}.`,
      "x-guidance": GUIDANCE,
      contact: { name: STORE_NAME, url: origin },
    },
    servers: [{ url: origin }],
    "x-agentcash-guidance": { llmsTxtUrl: `${origin}/llms.txt` },
    "x-discovery": { llmsTxtUrl: `${origin}/llms.txt` },
    tags: [{ name: "downloads" }, { name: "catalog" }, { name: "receipts" }],
    paths: { ...paths, ...freeOperations },
    components: {
      securitySchemes: {
        [SIWX_SCHEME]: {
          type: "apiKey",
          in: "header",
          name: "SIGN-IN-WITH-X",
          description: "A past buyer's Sign-In-With-X proof for this download URL, answering the 402's sign-in-with-x challenge: the file again, without paying.",
          "x-agentcash-auth-kind": "siwx",
        },
      },
      schemas: {
        Refusal: {
          type: "object",
          properties: { x402Version: { type: "integer" }, error: { type: "string" }, message: { type: "string" }, accepts: { type: "array" } },
        },
      },
    },
  };
}
