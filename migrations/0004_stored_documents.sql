ALTER TABLE "place_reads" ADD COLUMN "json_metric" text;--> statement-breakpoint
ALTER TABLE "place_reads" ADD COLUMN "json_imperial" text;--> statement-breakpoint
ALTER TABLE "place_reads" ADD COLUMN "documents_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "place_reads" ADD COLUMN "document_next_update" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "place_reads" ADD COLUMN "document_modified" timestamp with time zone;