ALTER TABLE "change_log" ADD COLUMN "seq" bigint;--> statement-breakpoint
CREATE INDEX "change_log_feed" ON "change_log" USING btree ("seq");--> statement-breakpoint
UPDATE "change_log" SET "seq" = "id";--> statement-breakpoint
CREATE SEQUENCE "change_log_seq" OWNED BY "change_log"."seq";--> statement-breakpoint
SELECT setval('change_log_seq', coalesce(max("seq"), 0) + 1, false) FROM "change_log";--> statement-breakpoint
CREATE FUNCTION "change_log_number"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- One committing transaction at a time numbers its entries, and holds the lock until its
  -- commit ends: the next one's numbers are taken only once these are visible.
  PERFORM pg_advisory_xact_lock(7355610);
  UPDATE "change_log" SET "seq" = nextval('change_log_seq') WHERE "id" = NEW."id";
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "change_log_number" AFTER INSERT ON "change_log"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "change_log_number"();
