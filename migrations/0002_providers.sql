CREATE TABLE "place_views" (
	"location_id" integer PRIMARY KEY NOT NULL,
	"views" double precision NOT NULL,
	"last_viewed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "provider_budgets" (
	"provider" text NOT NULL,
	"day" date NOT NULL,
	"used" integer NOT NULL,
	CONSTRAINT "provider_budgets_provider_day_pk" PRIMARY KEY("provider","day")
);
--> statement-breakpoint
CREATE TABLE "provider_leases" (
	"name" text PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "provider_places" (
	"provider" text NOT NULL,
	"location_id" integer NOT NULL,
	"next_fetch_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone,
	"last_modified" text,
	"last_attempt_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"failures" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	CONSTRAINT "provider_places_provider_location_id_pk" PRIMARY KEY("provider","location_id")
);
--> statement-breakpoint
ALTER TABLE "place_views" ADD CONSTRAINT "place_views_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_places" ADD CONSTRAINT "provider_places_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "provider_places_due" ON "provider_places" USING btree ("provider","next_fetch_at");