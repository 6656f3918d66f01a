CREATE TABLE "sessions" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"scope" text NOT NULL,
	"address" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "payment_id_hash" text;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "redeliveries" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "sessions_expires_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_payment_id_idx" ON "payments" USING btree ("payer","payment_id_hash") WHERE "payments"."payment_id_hash" is not null and "payments"."status" <> 'failed';