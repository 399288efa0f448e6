ALTER TABLE "place_reads" ADD COLUMN "etag_metric" text;--> statement-breakpoint
ALTER TABLE "place_reads" ADD COLUMN "etag_imperial" text;