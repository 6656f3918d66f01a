CREATE TABLE "rate_limit_windows" (
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "rate_limit_windows_key_window_start_pk" PRIMARY KEY("key","window_start")
);
--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "valid_before" numeric(78, 0);--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "claim_block" bigint;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "settle_started_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "payments_pending_idx" ON "payments" USING btree ("settle_started_at") WHERE "payments"."status" = 'pending';