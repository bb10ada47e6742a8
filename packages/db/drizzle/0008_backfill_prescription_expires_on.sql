-- Backfill: each referral's last valid day is its prescription in force's (the tip of the renewal chain).
UPDATE "referral" SET "prescription_expires_on" = p."expires_on"
  FROM "prescription" p
 WHERE p."referral_id" = "referral"."id"
   AND NOT EXISTS (SELECT 1 FROM "prescription" r WHERE r."previous_prescription_id" = p."id");
