CREATE TABLE "alert_places" (
	"alert_id" bigint NOT NULL,
	"location_id" integer NOT NULL,
	CONSTRAINT "alert_places_alert_id_location_id_pk" PRIMARY KEY("alert_id","location_id")
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "alerts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"sender" text NOT NULL,
	"identifier" text NOT NULL,
	"sent" timestamp with time zone NOT NULL,
	"msg_type" text NOT NULL,
	"status" text NOT NULL,
	"refs" text[] NOT NULL,
	"event" text NOT NULL,
	"severity" text NOT NULL,
	"urgency" text NOT NULL,
	"certainty" text NOT NULL,
	"onset" timestamp with time zone,
	"expires" timestamp with time zone,
	"headline" text,
	"description" text,
	"instruction" text,
	"web" text,
	"language" text,
	"sender_name" text NOT NULL,
	"source" text NOT NULL,
	"areas" json NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"replaced_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "place_reads" ADD COLUMN "alerts" json;--> statement-breakpoint
ALTER TABLE "place_reads" ADD COLUMN "document_alerts_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "alert_places" ADD CONSTRAINT "alert_places_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_places" ADD CONSTRAINT "alert_places_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alert_places_location" ON "alert_places" USING btree ("location_id");--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_sender_identifier" ON "alerts" USING btree ("sender","identifier");--> statement-breakpoint
CREATE INDEX "alerts_expires" ON "alerts" USING btree ("expires");