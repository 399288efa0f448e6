CREATE TABLE "place_names" (
	"location_id" integer NOT NULL,
	"search_key" text NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "place_names_location_id_search_key_pk" PRIMARY KEY("location_id","search_key")
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"country_code" char(2) NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"search_key" text NOT NULL,
	CONSTRAINT "regions_country_code_code_pk" PRIMARY KEY("country_code","code")
);
--> statement-breakpoint
ALTER TABLE "place_names" ADD CONSTRAINT "place_names_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "place_names_search_key" ON "place_names" USING btree ("search_key" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "regions_search_key" ON "regions" USING btree ("search_key" text_pattern_ops);