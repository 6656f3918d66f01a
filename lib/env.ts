import path from "node:path";
import { isHex } from "viem";
import { z } from "zod";
import { addressSchema } from "@/lib/validation/address";


const privateKey = z
  .string()
  .refine((value) => isHex(value) && value.length === 66, "must be a 0x-prefixed 32-byte hex private key")
  .transform((value) => value as `0x${string}`);

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

export const NETWORK_NAMES = ["devnet", "base-sepolia", "base"] as const;
export type NetworkName = (typeof NETWORK_NAMES)[number];

const envSchema = z.object({
  NETWORK: optional(z.enum(NETWORK_NAMES)).default("devnet"),
  RPC_URL: optional(z.url({ protocol: /^https?$/ })),
  USDC_ADDRESS: optional(addressSchema),
  FACILITATOR_URL: optional(z.url({ protocol: /^https?$/ })),
  FACILITATOR_PRIVATE_KEY: optional(privateKey),
  /** Coinbase's CDP facilitator authenticates every request with these (https://portal.cdp.coinbase.com). */
  CDP_API_KEY_ID: optional(z.string().min(1)),
  CDP_API_KEY_SECRET: optional(z.string().min(1)),
  /** Signs the offers in 402s and the receipts of deliveries (x402 offer-receipt extension); a devnet default. */
  RECEIPT_SIGNING_KEY: optional(privateKey),
  FACILITATOR_TIMEOUT_MS: optional(z.coerce.number().int().min(100).max(300_000)).default(15_000),
  DATABASE_URL: optional(z.url({ protocol: /^postgres(ql)?$/ })),
  SESSION_SECRET: optional(z.string().min(32, "must be at least 32 characters")),
  PUBLIC_RPC_URL: optional(z.url({ protocol: /^https?$/ })),
  NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID: optional(z.string().regex(/^[0-9a-f]{32}$/i, "must be a 32-character WalletConnect project id")),
  DATA_DIR: optional(z.string()).default(".data"),
  STORAGE_DIR: optional(z.string()),
  PUBLIC_URL: optional(z.url({ protocol: /^https?$/ })),
  HOST: optional(z.string()).default("127.0.0.1"),
  PORT: optional(z.coerce.number().int().min(1).max(65535)).default(3000),
  ANVIL_PORT: optional(z.coerce.number().int().min(1).max(65535)).default(8545),
  SEED_DEMO: optional(z.enum(["true", "false"])),
  /** Largest file a creator may upload, in bytes (default 2 GiB). */
  UPLOAD_MAX_BYTES: optional(z.coerce.number().int().min(1024).max(Number.MAX_SAFE_INTEGER)).default(2 * 1024 ** 3),
  /** Setting a bucket switches storage from the local disk to S3 (credentials: the AWS SDK's usual AWS_* variables). */
  S3_BUCKET: optional(z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be an S3 bucket name")),
  S3_ENDPOINT: optional(z.url({ protocol: /^https?$/ })),
  S3_REGION: optional(z.string()).default("us-east-1"),
  /** Per client address: requests for a 402 without a payment, sign-in messages, and uploads. */
  RATE_LIMIT_UNPAID_PER_MINUTE: optional(z.coerce.number().int().min(1)).default(120),
  RATE_LIMIT_SIGN_IN_PER_MINUTE: optional(z.coerce.number().int().min(1)).default(30),
  RATE_LIMIT_UPLOADS_PER_HOUR: optional(z.coerce.number().int().min(1)).default(300),
  /** Per payer wallet: payments with a valid signature that were still refused (balance, expiry…), per minute. */
  RATE_LIMIT_REFUSED_PER_PAYER_PER_MINUTE: optional(z.coerce.number().int().min(1)).default(10),
  /** Per purchase: downloads again with Sign-In-With-X or from the library, per hour. */
  RATE_LIMIT_REDOWNLOADS_PER_HOUR: optional(z.coerce.number().int().min(1)).default(30),
  /** Per client address, on the devnet only: Get test USDC presses, per hour. */
  RATE_LIMIT_FAUCET_PER_HOUR: optional(z.coerce.number().int().min(1)).default(20),
  /** Per creator: bytes of files and covers stored, and items (drafts included). */
  CREATOR_QUOTA_BYTES: optional(z.coerce.number().int().min(1024).max(Number.MAX_SAFE_INTEGER)).default(10 * 1024 ** 3),
  CREATOR_QUOTA_ITEMS: optional(z.coerce.number().int().min(1)).default(200),
  /** Largest PDF stamped per buyer (lib/downloads/stamp-pdf.ts): stamping holds the whole file in memory. */
  STAMP_MAX_BYTES: optional(z.coerce.number().int().min(1024).max(1024 ** 3)).default(50 * 1024 ** 2),
  /** Free space uploads must leave on the storage disk (local disk only): nobody fills it. */
  STORAGE_RESERVE_BYTES: optional(z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER)).default(1024 ** 3),
  /** Drafts that never got a file are removed after this many hours. */
  /** How often each server process adds its counted page views and 402s to the database: a crash loses at most this much. */
  ANALYTICS_FLUSH_MS: optional(z.coerce.number().int().min(100).max(3_600_000)).default(10_000),
  EMPTY_DRAFT_MAX_AGE_HOURS: optional(z.coerce.number().int().min(1)).default(168),
  /** Where rate-limit counts live: this process's memory, or the database shared by all server processes. */
  RATE_LIMIT_STORE: optional(z.enum(["memory", "database"])).default("memory"),
  /**
   * Behind a reverse proxy: take the client's address from the last X-Forwarded-For entry, and the
   * public host and scheme from X-Forwarded-Host/-Proto. Without it those headers are ignored.
   */
  TRUST_PROXY: optional(z.enum(["true", "false"])).default("false"),
  /** Webhooks: first retry delay after a failed delivery (doubling up to an hour, for 24 h), and each attempt's time limit. */
  WEBHOOK_RETRY_BASE_MS: optional(z.coerce.number().int().min(10).max(3_600_000)).default(30_000),
  WEBHOOK_TIMEOUT_MS: optional(z.coerce.number().int().min(100).max(60_000)).default(10_000),
  /** The most a buyer may choose to pay for a pay-what-you-want item (`?amount=`), in USDC. */
  PAY_WHAT_YOU_WANT_MAX_USDC: optional(z.string().regex(/^\d{1,9}(\.\d{1,6})?$/, "must be a USDC amount like 1000 or 250.50")).default("1000"),
  /** Test-only fault injection, honoured on the devnet only (see lib/testing/fault.ts). */
  STOREFRONT_FAULT: optional(z.enum(["exit-after-settlement-broadcast"])),
});

export type Env = Omit<z.infer<typeof envSchema>, "STORAGE_DIR" | "SEED_DEMO"> & {
  STORAGE_DIR: string;
  /** Whether the start command seeds the demo catalog (default: on the devnet only). */
  SEED_DEMO: boolean;
};

/** Configuration that cannot be used; its message is one line naming the variable. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join("; ")}`);
  }
  const parsed = result.data;
  if (Boolean(parsed.CDP_API_KEY_ID) !== Boolean(parsed.CDP_API_KEY_SECRET)) {
    throw new ConfigError("Invalid configuration: set both CDP_API_KEY_ID and CDP_API_KEY_SECRET, or neither");
  }
  // Resolved at run time from configuration: tell the bundler not to trace these paths.
  const dataDir = path.resolve(/*turbopackIgnore: true*/ parsed.DATA_DIR);
  return {
    ...parsed,
    DATA_DIR: dataDir,
    STORAGE_DIR: path.resolve(/*turbopackIgnore: true*/ parsed.STORAGE_DIR ?? path.join(dataDir, "files")),
    SEED_DEMO: parsed.SEED_DEMO ? parsed.SEED_DEMO === "true" : parsed.NETWORK === "devnet",
  };
}

let cached: Env | undefined;

/**
 * The validated configuration, read on first use rather than at import: `next build` imports
 * route modules without the runtime environment.
 */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
