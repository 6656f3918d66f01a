import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
};

export const itemKind = pgEnum("item_kind", ["ebook", "music", "course", "bundle"]);
export const paymentStatus = pgEnum("payment_status", ["pending", "settled", "failed"]);

export const creators = pgTable("creators", {
  id: uuid("id").primaryKey().defaultRandom(),
  /** EIP-55 checksummed wallet address that signs in as this creator. */
  walletAddress: text("wallet_address").notNull().unique(),
  displayName: text("display_name").notNull(),
  /** Slug for the creator's public page. */
  handle: text("handle").notNull().unique(),
  bio: text("bio").notNull().default(""),
  /** Storage key of the creator's avatar image, or null for none. */
  avatarKey: text("avatar_key"),
  /** The avatar's MIME type, sniffed from its bytes at upload. */
  avatarType: text("avatar_type"),
  /** Whether item pages show how many times each item sold: the creator's choice, off by default. */
  showSalesCount: boolean("show_sales_count").notNull().default(false),
  /** EIP-55 checksummed address that receives USDC for this creator's sales. */
  payoutAddress: text("payout_address").notNull(),
  ...timestamps,
});

export const items = pgTable(
  "items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull().unique(),
    creatorId: uuid("creator_id")
      .notNull()
      .references(() => creators.id, { onDelete: "restrict" }),
    kind: itemKind("kind").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull(),
    /** Price in USDC atomic units (6 decimals): 1.50 USDC is 1500000. */
    priceAtomic: numeric("price_atomic", { precision: 78, scale: 0, mode: "bigint" }).notNull(),
    /** Storage key of the cover image, or null for none. */
    coverKey: text("cover_key"),
    /** The cover's MIME type, sniffed from its bytes at upload. */
    coverType: text("cover_type"),
    /** EIP-55 address paid for this item; null pays the creator's payout address. */
    payoutAddress: text("payout_address"),
    /** Shown on the item page before paying. The protocol has no refunds: this is the creator's promise. */
    refundPolicy: text("refund_policy").notNull().default(""),
    published: boolean("published").notNull().default(false),
    // Creator commerce (issue 13): bundles and stamping.
    /** PDFs of this item are stamped per buyer while served (lib/downloads/stamp-pdf.ts); the stored file stays the original. */
    stamped: boolean("stamped").notNull().default(false),
    // Pricing (issue 13): with a minimum the item is pay-what-you-want, `priceAtomic` being the
    // suggested price (what a buyer pays without choosing, and what the catalog sorts by).
    /** Pay-what-you-want minimum in USDC atomic units (may be 0); null sells at the fixed `priceAtomic`. */
    pwywMinimumAtomic: numeric("pwyw_minimum_atomic", { precision: 78, scale: 0, mode: "bigint" }),
    ...timestamps,
  },
  (table) => [
    index("items_creator_idx").on(table.creatorId),
    // The catalog's keyset orders (db/queries/catalog.ts browseCatalog): a page reads 25 index
    // entries instead of sorting every published item; with a kind, the kind's own entries (a
    // filter on the plain index would leave the planner guessing how many rows match, and PGlite
    // never gathers statistics). NULLS FIRST is what `order by … desc` means: an index that differs
    // there is not used for it. High-to-low price scans backwards and sorts only ties by slug.
    index("items_published_newest_idx").on(table.createdAt.desc().nullsFirst(), table.slug).where(sql`${table.published}`),
    index("items_published_price_idx").on(table.priceAtomic, table.slug).where(sql`${table.published}`),
    index("items_published_kind_newest_idx").on(table.kind, table.createdAt.desc().nullsFirst(), table.slug).where(sql`${table.published}`),
    index("items_published_kind_price_idx").on(table.kind, table.priceAtomic, table.slug).where(sql`${table.published}`),
    check("items_price_positive", sql`${table.priceAtomic} > 0`),
    check("items_pwyw_minimum_range", sql`${table.pwywMinimumAtomic} is null or (${table.pwywMinimumAtomic} >= 0 and ${table.pwywMinimumAtomic} <= ${table.priceAtomic})`),
  ],
);

export const itemFiles = pgTable(
  "item_files",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    itemId: uuid("item_id")
      .notNull()
      .references(() => items.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    fileName: text("file_name").notNull(),
    /** A lesson or chapter title for the outline shown before buying; null shows the file name. */
    title: text("title"),
    mimeType: text("mime_type").notNull(),
    sizeBytes: bigint("size_bytes", { mode: "number" }).notNull(),
    sha256: text("sha256").notNull(),
    storageKey: text("storage_key").notNull().unique(),
    /** A free sample, downloadable without paying; not part of the paid download. */
    isPreview: boolean("is_preview").notNull().default(false),
    ...timestamps,
  },
  (table) => [
    uniqueIndex("item_files_position_idx").on(table.itemId, table.position),
    // At most one free preview per item.
    uniqueIndex("item_files_one_preview_idx").on(table.itemId).where(sql`${table.isPreview}`),
  ],
);

export const payments = pgTable(
  "payments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    itemId: uuid("item_id")
      .notNull()
      .references(() => items.id, { onDelete: "restrict" }),
    payer: text("payer").notNull(),
    payTo: text("pay_to").notNull(),
    amountAtomic: numeric("amount_atomic", { precision: 78, scale: 0, mode: "bigint" }).notNull(),
    asset: text("asset").notNull(),
    /** CAIP-2 network id, e.g. eip155:8453. */
    network: text("network").notNull(),
    /** The EIP-3009 authorization nonce (bytes32 hex): one payment, one nonce. */
    nonce: text("nonce").notNull(),
    status: paymentStatus("status").notNull().default("pending"),
    /** The authorization's validBefore (unix seconds): past it, an unused authorization can never settle. */
    validBefore: numeric("valid_before", { precision: 78, scale: 0, mode: "bigint" }),
    /** The chain's block when the payment was claimed: where to look for its settlement on-chain. */
    claimBlock: bigint("claim_block", { mode: "bigint" }),
    /** When a process last started settling this payment; a stale one may be taken over. */
    settleStartedAt: timestamp("settle_started_at", { withTimezone: true }),
    transactionHash: text("transaction_hash").unique(),
    failureReason: text("failure_reason"),
    settledAt: timestamp("settled_at", { withTimezone: true }),
    /**
     * sha256 of the client's x402 `payment-identifier`, when it sent one. The id travels only in
     * the HTTP header, never on-chain: it is what makes a retry of a broadcast payment the buyer's.
     */
    paymentIdHash: text("payment_id_hash"),
    /** How many times this payment's header (with its payment id) delivered the item again after the first time. */
    redeliveries: integer("redeliveries").notNull().default(0),
    // Creator commerce (issue 13): stamping.
    /** sha256 of the bytes delivered when they differ from the catalog's (a stamped PDF); null when the catalog's digest is what was delivered. */
    deliveredSha256: text("delivered_sha256"),
    // Discount codes (issue 13): what the buyer's code took off. The code's text is kept even if
    // the creator deletes the code; the id holds the code's use while the payment is open.
    discountCodeId: uuid("discount_code_id").references(() => discountCodes.id, { onDelete: "set null" }),
    /** The code as the creator wrote it, upper case; null without a code. */
    discountCode: text("discount_code"),
    /** Atomic units the code took off the price (off the minimum, for pay-what-you-want). */
    discountAtomic: numeric("discount_atomic", { precision: 78, scale: 0, mode: "bigint" }),
    ...timestamps,
  },
  (table) => [
    uniqueIndex("payments_authorization_idx").on(table.network, table.asset, table.payer, table.nonce),
    // A payer's payment id names one payment (until that one fails): the same id with another payload is a conflict.
    uniqueIndex("payments_payment_id_idx")
      .on(table.payer, table.paymentIdHash)
      .where(sql`${table.paymentIdHash} is not null and ${table.status} <> 'failed'`),
    index("payments_item_idx").on(table.itemId),
    index("payments_payer_idx").on(table.payer),
    index("payments_pending_idx").on(table.settleStartedAt).where(sql`${table.status} = 'pending'`),
  ],
);

export type Creator = typeof creators.$inferSelect;
export type NewCreator = typeof creators.$inferInsert;
export type Item = typeof items.$inferSelect;
export type NewItem = typeof items.$inferInsert;
export type ItemFile = typeof itemFiles.$inferSelect;
export type NewItemFile = typeof itemFiles.$inferInsert;
export type Payment = typeof payments.$inferSelect;
export type NewPayment = typeof payments.$inferInsert;
export type ItemKind = (typeof itemKind.enumValues)[number];
export const ITEM_KINDS = itemKind.enumValues;

/** Sign-In-With-X nonces already used: each signed proof of a wallet grants access once. */
export const siwxNonces = pgTable("siwx_nonces", {
  nonce: text("nonce").primaryKey(),
  address: text("address").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Sign-in-with-Ethereum nonces for the creator studio: issued for one wallet, used once, short-lived. */
export const signInNonces = pgTable("sign_in_nonces", {
  nonce: text("nonce").primaryKey(),
  address: text("address").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A refund a creator sent back in USDC against a receipt. x402 has no refund primitive: this is
 * bookkeeping of an on-chain transfer the creator made, checked against the chain when recorded.
 */
export const refunds = pgTable(
  "refunds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    paymentId: uuid("payment_id")
      .notNull()
      .references(() => payments.id, { onDelete: "restrict" }),
    amountAtomic: numeric("amount_atomic", { precision: 78, scale: 0, mode: "bigint" }).notNull(),
    /** The refund transfer's transaction hash, lowercase. */
    transactionHash: text("transaction_hash").notNull().unique(),
    note: text("note").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("refunds_payment_idx").on(table.paymentId), check("refunds_amount_positive", sql`${table.amountAtomic} > 0`)],
);

export type Refund = typeof refunds.$inferSelect;

/**
 * Signed-in sessions (library and studio), server-side so that signing out ends them: the cookie
 * holds a random id, the table its sha256; a cookie whose row is gone is refused.
 */
export const sessions = pgTable(
  "sessions",
  {
    idHash: text("id_hash").primaryKey(),
    /** "library" (Sign-In-With-X) or "studio" (Sign-In with Ethereum). */
    scope: text("scope").notNull(),
    /** EIP-55 wallet address that signed in. */
    address: text("address").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("sessions_expires_idx").on(table.expiresAt)],
);

export type Session = typeof sessions.$inferSelect;

/** Rate-limit windows when several server processes share one allowance per client (RATE_LIMIT_STORE=database). */
export const rateLimitWindows = pgTable(
  "rate_limit_windows",
  {
    key: text("key").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    count: integer("count").notNull(),
  },
  (table) => [primaryKey({ columns: [table.key, table.windowStart] })],
);

/**
 * Page views and 402s served per item and UTC day, for the studio's conversion figures. Counted in
 * each server process's memory and added here in one upsert per flush (lib/analytics/item-counters.ts):
 * a request never waits for this table.
 */
export const itemDailyStats = pgTable(
  "item_daily_stats",
  {
    itemId: uuid("item_id")
      .notNull()
      .references(() => items.id, { onDelete: "cascade" }),
    day: date("day", { mode: "string" }).notNull(),
    pageViews: integer("page_views").notNull().default(0),
    /** 402 Payment Required answers (payment terms offered) of the item's download URL. */
    offersServed: integer("offers_served").notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.itemId, table.day] })],
);

// ---- Webhooks (issue 13 §5) ----------------------------------------------------------------------

export const WEBHOOK_EVENT_TYPES = ["sale.settled", "refund.recorded"] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
export const webhookDeliveryStatus = pgEnum("webhook_delivery_status", ["pending", "failing", "delivered", "abandoned"]);

/**
 * Where a creator wants to hear about sales and refunds. `secret` is kept as issued (shown to the
 * creator once): HMAC signing needs the key itself, so a hash would be useless; see SECURITY.md.
 */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    creatorId: uuid("creator_id")
      .notNull()
      .references(() => creators.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    /** The event types this endpoint receives (values of WEBHOOK_EVENT_TYPES). */
    events: text("events").array().notNull(),
    secret: text("secret").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("webhook_endpoints_creator_idx").on(table.creatorId)],
);

/**
 * The outbox: an event is inserted in the transaction that records its sale or refund, so an event
 * exists exactly when the fact does. `body` is the JSON as signed and sent, the same bytes on every
 * attempt; `id` is the event id receivers deduplicate by.
 */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    creatorId: uuid("creator_id")
      .notNull()
      .references(() => creators.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("webhook_events_creator_idx").on(table.creatorId)],
);

/** One event on its way to one endpoint: the background deliverer's work list and the studio's history. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => webhookEvents.id, { onDelete: "cascade" }),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    status: webhookDeliveryStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    /** When the deliverer may try next; while an attempt runs, the end of its lease. */
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    /** Retries stop after this (24 h after the event, or after the creator's resend). */
    retryUntil: timestamp("retry_until", { withTimezone: true }).notNull(),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("webhook_deliveries_event_endpoint_idx").on(table.eventId, table.endpointId),
    index("webhook_deliveries_endpoint_idx").on(table.endpointId, table.createdAt),
    index("webhook_deliveries_due_idx").on(table.nextAttemptAt).where(sql`${table.status} in ('pending', 'failing')`),
    check("webhook_deliveries_attempts_nonnegative", sql`${table.attempts} >= 0`),
  ],
);

export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type WebhookEvent = typeof webhookEvents.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;

/**
 * Which items a bundle (an item of kind `bundle`) includes, in the order its page and ZIP show
 * them. A settled sale of the bundle entitles its buyer to each member (lib/purchases). Once the
 * bundle has sold, its membership is frozen (db/queries/bundles.ts): what past buyers bought is
 * exactly what this table lists, without a per-purchase copy. A member cannot be deleted while it
 * is in a bundle; unpublishing it keeps it in the bundle for past and future buyers.
 */
export const bundleItems = pgTable(
  "bundle_items",
  {
    bundleId: uuid("bundle_id")
      .notNull()
      .references(() => items.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => items.id, { onDelete: "restrict" }),
    position: integer("position").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.bundleId, table.memberId] }),
    uniqueIndex("bundle_items_position_idx").on(table.bundleId, table.position),
    index("bundle_items_member_idx").on(table.memberId),
    check("bundle_items_not_itself", sql`${table.bundleId} <> ${table.memberId}`),
  ],
);

export type BundleItem = typeof bundleItems.$inferSelect;

/**
 * A creator's discount code (issue 13). `uses` counts payments holding the code: taken when a
 * payment is claimed, before anything reaches the chain, given back when that payment fails. The
 * check `uses <= max_uses` is what stops two buyers racing for the last use: the second
 * increment fails in the database and that buyer is refused before settling.
 */
export const discountCodes = pgTable(
  "discount_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    creatorId: uuid("creator_id")
      .notNull()
      .references(() => creators.id, { onDelete: "cascade" }),
    /** Upper case: codes are case-insensitive. Letters, digits and `-`, 3–32 characters. */
    code: text("code").notNull(),
    /** Percent off (1–100), or null when the code takes a fixed amount off. */
    percentOff: integer("percent_off"),
    /** USDC atomic units off, or null when the code takes a percentage off. */
    amountOffAtomic: numeric("amount_off_atomic", { precision: 78, scale: 0, mode: "bigint" }),
    /** Applies to every item of the creator; otherwise to the items in discount_code_items. */
    allItems: boolean("all_items").notNull().default(false),
    maxUses: integer("max_uses"),
    uses: integer("uses").notNull().default(0),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    paused: boolean("paused").notNull().default(false),
    ...timestamps,
  },
  (table) => [
    uniqueIndex("discount_codes_creator_code_idx").on(table.creatorId, table.code),
    check("discount_codes_one_discount", sql`(${table.percentOff} is null) <> (${table.amountOffAtomic} is null)`),
    check("discount_codes_percent_range", sql`${table.percentOff} is null or ${table.percentOff} between 1 and 100`),
    check("discount_codes_amount_positive", sql`${table.amountOffAtomic} is null or ${table.amountOffAtomic} > 0`),
    check("discount_codes_max_uses_positive", sql`${table.maxUses} is null or ${table.maxUses} >= 1`),
    check("discount_codes_uses_within_max", sql`${table.uses} >= 0 and (${table.maxUses} is null or ${table.uses} <= ${table.maxUses})`),
  ],
);

/** The items a code applies to, when it is not for all of its creator's items. */
export const discountCodeItems = pgTable(
  "discount_code_items",
  {
    codeId: uuid("code_id")
      .notNull()
      .references(() => discountCodes.id, { onDelete: "cascade" }),
    itemId: uuid("item_id")
      .notNull()
      .references(() => items.id, { onDelete: "cascade" }),
  },
  (table) => [primaryKey({ columns: [table.codeId, table.itemId] }), index("discount_code_items_item_idx").on(table.itemId)],
);

export type DiscountCode = typeof discountCodes.$inferSelect;
export type NewDiscountCode = typeof discountCodes.$inferInsert;
