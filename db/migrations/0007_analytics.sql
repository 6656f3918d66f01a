CREATE TABLE "item_daily_stats" (
	"item_id" uuid NOT NULL,
	"day" date NOT NULL,
	"page_views" integer DEFAULT 0 NOT NULL,
	"offers_served" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "item_daily_stats_item_id_day_pk" PRIMARY KEY("item_id","day")
);
--> statement-breakpoint
ALTER TABLE "item_daily_stats" ADD CONSTRAINT "item_daily_stats_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;