ALTER TABLE "creators" ADD COLUMN "avatar_key" text;--> statement-breakpoint
ALTER TABLE "creators" ADD COLUMN "avatar_type" text;--> statement-breakpoint
ALTER TABLE "creators" ADD COLUMN "show_sales_count" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "item_files" ADD COLUMN "title" text;