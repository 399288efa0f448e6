CREATE TABLE "forecast_hours" (
	"location_id" integer NOT NULL,
	"source" text NOT NULL,
	"valid_at" timestamp with time zone NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"next_update_at" timestamp with time zone NOT NULL,
	"precipitation_probability_pct" real,
	"temperature_c" real,
	"apparent_temperature_c" real,
	"humidity_pct" real,
	"pressure_pa" real,
	"wind_speed_ms" real,
	"wind_gust_ms" real,
	"wind_direction_deg" real,
	"precipitation_mm" real,
	"cloud_cover_pct" real,
	"visibility_m" real,
	"condition" text NOT NULL,
	CONSTRAINT "forecast_hours_location_id_source_valid_at_pk" PRIMARY KEY("location_id","source","valid_at")
);
--> statement-breakpoint
CREATE TABLE "locations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "locations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"geonames_id" integer NOT NULL,
	"country_code" char(2) NOT NULL,
	"country_name" text NOT NULL,
	"region_code" text DEFAULT '' NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"slug_key" text NOT NULL,
	"search_key" text NOT NULL,
	"population" bigint DEFAULT 0 NOT NULL,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	"timezone" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "locations_geonames_id_unique" UNIQUE("geonames_id")
);
--> statement-breakpoint
CREATE TABLE "observations" (
	"location_id" integer NOT NULL,
	"source" text NOT NULL,
	"observed_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"next_update_at" timestamp with time zone NOT NULL,
	"temperature_c" real,
	"apparent_temperature_c" real,
	"humidity_pct" real,
	"pressure_pa" real,
	"wind_speed_ms" real,
	"wind_gust_ms" real,
	"wind_direction_deg" real,
	"precipitation_mm" real,
	"cloud_cover_pct" real,
	"visibility_m" real,
	"condition" text NOT NULL,
	CONSTRAINT "observations_location_id_source_observed_at_pk" PRIMARY KEY("location_id","source","observed_at")
);
--> statement-breakpoint
ALTER TABLE "forecast_hours" ADD CONSTRAINT "forecast_hours_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observations" ADD CONSTRAINT "observations_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "forecast_hours_location_valid" ON "forecast_hours" USING btree ("location_id","valid_at");--> statement-breakpoint
CREATE UNIQUE INDEX "locations_country_slug_key" ON "locations" USING btree ("country_code","slug_key");--> statement-breakpoint
CREATE INDEX "locations_search_key" ON "locations" USING btree ("search_key" text_pattern_ops,"population" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "locations_country_population" ON "locations" USING btree ("country_code","population" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "locations_lat_lon" ON "locations" USING btree ("latitude","longitude");--> statement-breakpoint
CREATE INDEX "observations_latest" ON "observations" USING btree ("location_id","observed_at" DESC NULLS LAST);