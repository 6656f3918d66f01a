ALTER TYPE "public"."item_kind" ADD VALUE 'bundle';--> statement-breakpoint
CREATE TABLE "bundle_items" (
	"bundle_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bundle_items_bundle_id_member_id_pk" PRIMARY KEY("bundle_id","member_id"),
	CONSTRAINT "bundle_items_not_itself" CHECK ("bundle_items"."bundle_id" <> "bundle_items"."member_id")
);
--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "stamped" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "delivered_sha256" text;--> statement-breakpoint
ALTER TABLE "bundle_items" ADD CONSTRAINT "bundle_items_bundle_id_items_id_fk" FOREIGN KEY ("bundle_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bundle_items" ADD CONSTRAINT "bundle_items_member_id_items_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."items"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bundle_items_position_idx" ON "bundle_items" USING btree ("bundle_id","position");--> statement-breakpoint
CREATE INDEX "bundle_items_member_idx" ON "bundle_items" USING btree ("member_id");