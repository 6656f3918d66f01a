CREATE TABLE "discount_code_items" (
	"code_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	CONSTRAINT "discount_code_items_code_id_item_id_pk" PRIMARY KEY("code_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "discount_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"creator_id" uuid NOT NULL,
	"code" text NOT NULL,
	"percent_off" integer,
	"amount_off_atomic" numeric(78, 0),
	"all_items" boolean DEFAULT false NOT NULL,
	"max_uses" integer,
	"uses" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone,
	"paused" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "discount_codes_one_discount" CHECK (("discount_codes"."percent_off" is null) <> ("discount_codes"."amount_off_atomic" is null)),
	CONSTRAINT "discount_codes_percent_range" CHECK ("discount_codes"."percent_off" is null or "discount_codes"."percent_off" between 1 and 100),
	CONSTRAINT "discount_codes_amount_positive" CHECK ("discount_codes"."amount_off_atomic" is null or "discount_codes"."amount_off_atomic" > 0),
	CONSTRAINT "discount_codes_max_uses_positive" CHECK ("discount_codes"."max_uses" is null or "discount_codes"."max_uses" >= 1),
	CONSTRAINT "discount_codes_uses_within_max" CHECK ("discount_codes"."uses" >= 0 and ("discount_codes"."max_uses" is null or "discount_codes"."uses" <= "discount_codes"."max_uses"))
);
--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "pwyw_minimum_atomic" numeric(78, 0);--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "discount_code_id" uuid;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "discount_code" text;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "discount_atomic" numeric(78, 0);--> statement-breakpoint
ALTER TABLE "discount_code_items" ADD CONSTRAINT "discount_code_items_code_id_discount_codes_id_fk" FOREIGN KEY ("code_id") REFERENCES "public"."discount_codes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discount_code_items" ADD CONSTRAINT "discount_code_items_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discount_codes" ADD CONSTRAINT "discount_codes_creator_id_creators_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."creators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "discount_code_items_item_idx" ON "discount_code_items" USING btree ("item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "discount_codes_creator_code_idx" ON "discount_codes" USING btree ("creator_id","code");--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_discount_code_id_discount_codes_id_fk" FOREIGN KEY ("discount_code_id") REFERENCES "public"."discount_codes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_pwyw_minimum_range" CHECK ("items"."pwyw_minimum_atomic" is null or ("items"."pwyw_minimum_atomic" >= 0 and "items"."pwyw_minimum_atomic" <= "items"."price_atomic"));