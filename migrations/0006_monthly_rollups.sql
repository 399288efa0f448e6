CREATE TABLE "monthly_rollups" (
	"location_id" integer NOT NULL,
	"source" text NOT NULL,
	"month" date NOT NULL,
	"days" smallint NOT NULL,
	"complete_days" smallint NOT NULL,
	"mean_count" smallint NOT NULL,
	"mean_sum" double precision NOT NULL,
	"mean_sum_sq" double precision NOT NULL,
	"min_count" smallint NOT NULL,
	"min_sum" double precision NOT NULL,
	"min_min" real,
	"max_count" smallint NOT NULL,
	"max_sum" double precision NOT NULL,
	"max_max" real,
	"precipitation_count" smallint NOT NULL,
	"precipitation_sum" double precision NOT NULL,
	"precipitation_max" real,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "monthly_rollups_location_id_source_month_pk" PRIMARY KEY("location_id","source","month")
);
--> statement-breakpoint
ALTER TABLE "monthly_rollups" ADD CONSTRAINT "monthly_rollups_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Hand-written (not drizzle-generated): fill the rollups from the daily summaries already
-- stored. The aggregates are those of ROLLUP_AGGREGATES in src/store/repositories/rollups.ts.
-- Guarded, so that a database whose 0001 is applied later (out of order) still migrates.
DO $backfill$
BEGIN
  IF to_regclass('daily_summaries') IS NOT NULL THEN
INSERT INTO "monthly_rollups" ("location_id", "source", "month", "days", "complete_days",
  "mean_count", "mean_sum", "mean_sum_sq", "min_count", "min_sum", "min_min", "max_count",
  "max_sum", "max_max", "precipitation_count", "precipitation_sum", "precipitation_max",
  "received_at")
SELECT d.location_id, d.source, date_trunc('month', d.date)::date,
  count(*), count(*) FILTER (WHERE d.complete),
  count(d.temperature_mean_c), coalesce(sum(d.temperature_mean_c::float8), 0),
  coalesce(sum(d.temperature_mean_c::float8 * d.temperature_mean_c::float8), 0),
  count(d.temperature_min_c), coalesce(sum(d.temperature_min_c::float8), 0), min(d.temperature_min_c),
  count(d.temperature_max_c), coalesce(sum(d.temperature_max_c::float8), 0), max(d.temperature_max_c),
  count(d.precipitation_mm), coalesce(sum(d.precipitation_mm::float8), 0), max(d.precipitation_mm),
  max(d.received_at)
FROM "daily_summaries" d
GROUP BY d.location_id, d.source, date_trunc('month', d.date)::date;
  END IF;
END
$backfill$;
