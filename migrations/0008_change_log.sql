CREATE TABLE "change_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "change_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"reason" text NOT NULL,
	"places" text[] NOT NULL,
	"days" json NOT NULL,
	"delivered_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"last_error" text
);
--> statement-breakpoint
ALTER TABLE "place_reads" ADD COLUMN "document_version" integer;--> statement-breakpoint
CREATE INDEX "change_log_undelivered" ON "change_log" USING btree ("id") WHERE "change_log"."delivered_at" IS NULL;--> statement-breakpoint
CREATE INDEX "change_log_delivered" ON "change_log" USING btree ("delivered_at");