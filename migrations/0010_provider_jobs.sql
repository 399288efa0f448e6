ALTER TABLE "provider_leases" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "provider_leases" CASCADE;--> statement-breakpoint
CREATE INDEX "place_views_viewed" ON "place_views" USING btree ("last_viewed_at");