import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { user } from "./auth";
import { createdAt, id, updatedAt } from "./columns";

export const REFERRAL_STATUS_VALUES = [
  "requested",
  "needs_info",
  "declined",
  "cancelled",
  "prescribed",
  "awaiting_therapist",
  "planning",
  "active",
  "completed",
  "discontinued",
  "expired",
] as const;

export type ReferralExpectations = {
  goals: { kind: string; text?: string }[];
  desiredFrequency: string;
};

/** One episode of care: the shared record every party sees. `version` bumps on every change (stale-page check). */
export const referral = pgTable(
  "referral",
  {
    id: id(),
    status: text("status", { enum: REFERRAL_STATUS_VALUES }).notNull().default("requested"),
    version: integer("version").notNull().default(0),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => user.id),
    physicianId: uuid("physician_id")
      .notNull()
      .references(() => user.id),
    therapistId: uuid("therapist_id").references(() => user.id),
    kind: text("kind", { enum: ["acute", "chronic"] }).notNull(),
    bodyRegions: text("body_regions").array().notNull(),
    symptoms: text("symptoms").array().notNull(),
    description: text("description").notNull(),
    painNow: integer("pain_now").notNull(),
    eveningPain: integer("evening_pain").notNull(),
    sleepHours: real("sleep_hours").notNull(),
    medicationDosesPerDay: integer("medication_doses_per_day").notNull(),
    medicalConditions: jsonb("medical_conditions").$type<string[]>().notNull().default([]),
    medications: jsonb("medications").$type<string[]>().notNull().default([]),
    expectations: jsonb("expectations").$type<ReferralExpectations>().notNull(),
    onsetDate: date("onset_date", { mode: "string" }),
    closedReason: text("closed_reason"),
    /**
     * The last valid day of the prescription in force (null before one is signed), kept by the write path that signs
     * and renews under the referral's lock: the scheduled expiry and reminders start from it, not from every row.
     */
    prescriptionExpiresOn: date("prescription_expires_on", { mode: "string" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("referral_patient_created_idx").on(t.patientId, t.createdAt),
    index("referral_physician_created_idx").on(t.physicianId, t.createdAt),
    index("referral_physician_status_created_idx").on(t.physicianId, t.status, t.createdAt),
    index("referral_therapist_created_idx").on(t.therapistId, t.createdAt),
    // The scheduled expiry check and the expiring-soon reminder read only active referrals, by last valid day.
    index("referral_active_expiry_idx").on(t.prescriptionExpiresOn).where(sql`${t.status} = 'active'`),
  ],
);

/** A patient's invitation of a therapist; a therapist sees the referrals they were invited to, even turned down. */
export const therapistInvitation = pgTable(
  "therapist_invitation",
  {
    id: id(),
    referralId: uuid("referral_id")
      .notNull()
      .references(() => referral.id, { onDelete: "cascade" }),
    therapistId: uuid("therapist_id")
      .notNull()
      .references(() => user.id),
    status: text("status", { enum: ["invited", "accepted", "turned_down", "withdrawn"] })
      .notNull()
      .default("invited"),
    reason: text("reason"),
    createdAt: createdAt(),
    respondedAt: timestamp("responded_at", { withTimezone: true, precision: 3 }),
  },
  (t) => [
    index("therapist_invitation_referral_created_idx").on(t.referralId, t.createdAt),
    index("therapist_invitation_therapist_created_idx").on(t.therapistId, t.createdAt),
  ],
);

/** A signed prescription. Immutable: renewals are new rows linked by `previousPrescriptionId`. */
export const prescription = pgTable(
  "prescription",
  {
    id: id(),
    referralId: uuid("referral_id")
      .notNull()
      .references(() => referral.id, { onDelete: "cascade" }),
    previousPrescriptionId: uuid("previous_prescription_id").references((): any => prescription.id),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => user.id),
    physicianId: uuid("physician_id")
      .notNull()
      .references(() => user.id),
    physicianName: text("physician_name").notNull(),
    physicianNpi: text("physician_npi").notNull(),
    diagnosisCodes: text("diagnosis_codes").array().notNull(),
    sessionsPerWeek: integer("sessions_per_week").notNull(),
    weeks: integer("weeks").notNull(),
    totalSessions: integer("total_sessions").notNull(),
    cptCodes: text("cpt_codes").array().notNull(),
    bodyRegions: text("body_regions").array().notNull(),
    precautions: text("precautions").notNull().default(""),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    expiresOn: date("expires_on", { mode: "string" }).notNull(),
    attestation: boolean("attestation").notNull(),
    signature: text("signature").notNull(),
    signedAt: timestamp("signed_at", { withTimezone: true, precision: 3 }).notNull(),
    contentHash: text("content_hash").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("prescription_referral_created_idx").on(t.referralId, t.createdAt),
    index("prescription_patient_idx").on(t.patientId),
    index("prescription_physician_idx").on(t.physicianId),
    index("prescription_previous_idx").on(t.previousPrescriptionId),
    // One original prescription per referral, and one renewal per prescription: a double-submit cannot sign twice.
    uniqueIndex("prescription_first_per_referral_uq")
      .on(t.referralId)
      .where(sql`${t.previousPrescriptionId} is null`),
    uniqueIndex("prescription_one_renewal_uq").on(t.previousPrescriptionId),
  ],
);
