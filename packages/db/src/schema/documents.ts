import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { user } from "./auth";
import { createdAt, id, updatedAt } from "./columns";
import { referral } from "./referral";

export type LetterGoalSnapshot = {
  name: string;
  unit: string;
  baseline: number;
  target: number;
  latest: number | null;
  byDate: string;
  status: "achieved" | "in_progress" | "not_met_by_date" | "not_measured";
};

/** A signed letter of medical necessity. Immutable: a new signature is a new version pointing to the previous one. */
export const letter = pgTable(
  "letter",
  {
    id: id(),
    referralId: uuid("referral_id")
      .notNull()
      .references(() => referral.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    previousLetterId: uuid("previous_letter_id").references((): AnyPgColumn => letter.id),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => user.id),
    physicianId: uuid("physician_id")
      .notNull()
      .references(() => user.id),
    physicianName: text("physician_name").notNull(),
    physicianNpi: text("physician_npi").notNull(),
    diagnosisCodes: text("diagnosis_codes").array().notNull(),
    narrative: text("narrative").notNull(),
    goals: jsonb("goals").$type<LetterGoalSnapshot[]>().notNull(),
    signature: text("signature").notNull(),
    signedAt: timestamp("signed_at", { withTimezone: true, precision: 3 }).notNull(),
    contentHash: text("content_hash").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("letter_referral_version_uq").on(t.referralId, t.version),
    index("letter_referral_created_idx").on(t.referralId, t.createdAt),
    index("letter_patient_idx").on(t.patientId),
    index("letter_physician_idx").on(t.physicianId),
    index("letter_previous_idx").on(t.previousLetterId),
  ],
);

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

/** A file attached to a referral, kept in the database (the embedded default). */
export const uploadedFile = pgTable(
  "uploaded_file",
  {
    id: id(),
    referralId: uuid("referral_id")
      .notNull()
      .references(() => referral.id, { onDelete: "cascade" }),
    uploaderId: uuid("uploader_id")
      .notNull()
      .references(() => user.id),
    /** The name the uploader gave, shown in lists; never used as a path. */
    name: text("name").notNull(),
    /** Detected from the content, not the name or the declared type. */
    mediaType: text("media_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    /** Where the bytes are: in `content` (the embedded default), or an S3-compatible bucket under the file's id. */
    storedIn: text("stored_in", { enum: ["postgres", "s3"] })
      .notNull()
      .default("postgres"),
    /** The bytes when `stored_in` is postgres; null when they are in the bucket. */
    content: bytea("content"),
    createdAt: createdAt(),
  },
  (t) => [
    index("uploaded_file_referral_created_idx").on(t.referralId, t.createdAt),
    index("uploaded_file_uploader_idx").on(t.uploaderId),
    check(
      "uploaded_file_content_where_stored",
      sql`(${t.storedIn} = 'postgres') = (${t.content} is not null)`,
    ),
  ],
);

/** A therapist's fee per unit of a CPT code (integer cents), for superbills. */
export const therapistFee = pgTable(
  "therapist_fee",
  {
    therapistId: uuid("therapist_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    cptCode: text("cpt_code").notNull(),
    centsPerUnit: integer("cents_per_unit").notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // The key's leading column indexes the therapist's fees.
    primaryKey({ columns: [t.therapistId, t.cptCode] }),
    check("therapist_fee_cents_nonnegative", sql`${t.centsPerUnit} >= 0`),
  ],
);
