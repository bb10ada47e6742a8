ALTER TABLE "notification" ADD COLUMN "occurrence" text;--> statement-breakpoint
ALTER TABLE "referral" ADD COLUMN "prescription_expires_on" date;--> statement-breakpoint
CREATE UNIQUE INDEX "notification_user_occurrence_uq" ON "notification" USING btree ("user_id","occurrence") WHERE "notification"."occurrence" is not null;--> statement-breakpoint
CREATE INDEX "referral_active_expiry_idx" ON "referral" USING btree ("prescription_expires_on") WHERE "referral"."status" = 'active';--> statement-breakpoint
-- Backfill: each referral's last valid day is its prescription in force's (the tip of the renewal chain).
UPDATE "referral" SET "prescription_expires_on" = p."expires_on"
  FROM "prescription" p
 WHERE p."referral_id" = "referral"."id"
   AND NOT EXISTS (SELECT 1 FROM "prescription" r WHERE r."previous_prescription_id" = p."id");
