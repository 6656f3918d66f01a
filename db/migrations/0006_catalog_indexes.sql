CREATE INDEX "items_published_newest_idx" ON "items" USING btree ("created_at" DESC NULLS FIRST,"slug") WHERE "items"."published";--> statement-breakpoint
CREATE INDEX "items_published_price_idx" ON "items" USING btree ("price_atomic","slug") WHERE "items"."published";--> statement-breakpoint
CREATE INDEX "items_published_kind_newest_idx" ON "items" USING btree ("kind","created_at" DESC NULLS FIRST,"slug") WHERE "items"."published";--> statement-breakpoint
CREATE INDEX "items_published_kind_price_idx" ON "items" USING btree ("kind","price_atomic","slug") WHERE "items"."published";