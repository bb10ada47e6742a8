-- No double booking, enforced by the database: two live (requested / confirmed) appointments of one therapist, or
-- of one patient, never overlap, whatever the interleaving of concurrent bookings. drizzle-kit cannot express an
-- exclusion constraint, hence this custom migration. btree_gist gives the `=` operator on uuid to the gist index;
-- PGlite ships it as a contrib extension (loaded in packages/db/src/client.ts and testing.ts).
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE "appointment" ADD CONSTRAINT "appointment_therapist_no_overlap" EXCLUDE USING gist (
  "therapist_id" WITH =,
  tstzrange("starts_at", "ends_at", '[)') WITH &&
) WHERE ("status" IN ('requested', 'confirmed'));
--> statement-breakpoint
ALTER TABLE "appointment" ADD CONSTRAINT "appointment_patient_no_overlap" EXCLUDE USING gist (
  "patient_id" WITH =,
  tstzrange("starts_at", "ends_at", '[)') WITH &&
) WHERE ("status" IN ('requested', 'confirmed'));
