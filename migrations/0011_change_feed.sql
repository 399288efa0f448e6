ALTER TABLE "change_log" ADD COLUMN "xact" bigint DEFAULT pg_current_xact_id()::text::bigint NOT NULL;--> statement-breakpoint
CREATE INDEX "change_log_feed" ON "change_log" USING btree ("xact","id");