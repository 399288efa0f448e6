CREATE TABLE "place_reads" (
	"location_id" integer PRIMARY KEY NOT NULL,
	"current" json,
	"forecast" json,
	"built_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "place_reads" ADD CONSTRAINT "place_reads_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Places written before this migration get their read model now, as a write would make it.
INSERT INTO "place_reads" ("location_id", "current", "forecast")
SELECT l.id,
  (SELECT json_build_array(source, extract(epoch FROM observed_at), extract(epoch FROM next_update_at),
       extract(epoch FROM received_at), temperature_c, apparent_temperature_c, humidity_pct, pressure_pa,
       wind_speed_ms, wind_gust_ms, wind_direction_deg, precipitation_mm, cloud_cover_pct, visibility_m,
       condition)
     FROM observations WHERE location_id = l.id ORDER BY observed_at DESC LIMIT 1),
  (SELECT json_agg(json_build_array(source, extract(epoch FROM valid_at), extract(epoch FROM next_update_at),
       extract(epoch FROM received_at), temperature_c, apparent_temperature_c, humidity_pct, pressure_pa,
       wind_speed_ms, wind_gust_ms, wind_direction_deg, precipitation_mm, cloud_cover_pct, visibility_m,
       condition, extract(epoch FROM issued_at), precipitation_probability_pct) ORDER BY valid_at)
     FROM (SELECT DISTINCT ON (valid_at) * FROM forecast_hours
            WHERE location_id = l.id AND valid_at >= date_trunc('hour', now())
              AND valid_at < date_trunc('hour', now()) + interval '72 hours'
            ORDER BY valid_at, issued_at DESC) f)
FROM "locations" l
WHERE EXISTS (SELECT 1 FROM observations o WHERE o.location_id = l.id)
   OR EXISTS (SELECT 1 FROM forecast_hours f WHERE f.location_id = l.id);
