CREATE TABLE "api_tokens" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "api_tokens_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"scope" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_tokens_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "api_tokens_scope" CHECK ("api_tokens"."scope" IN ('write', 'purge', 'admin'))
);
--> statement-breakpoint
CREATE TABLE "daily_summaries" (
	"location_id" integer NOT NULL,
	"source" text NOT NULL,
	"date" date NOT NULL,
	"temperature_min_c" real,
	"temperature_max_c" real,
	"temperature_mean_c" real,
	"precipitation_mm" real,
	"wind_speed_mean_ms" real,
	"wind_gust_max_ms" real,
	"condition" text,
	"hours" smallint,
	"complete" boolean NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "daily_summaries_location_id_source_date_pk" PRIMARY KEY("location_id","source","date")
);
--> statement-breakpoint
ALTER TABLE "daily_summaries" ADD CONSTRAINT "daily_summaries_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;