import { index, integer, jsonb, pgTable, real, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { user } from "./auth";
import { createdAt, id } from "./columns";
import { prescription, referral } from "./referral";

export const therapySession = pgTable(
  "therapy_session",
  {
    id: id(),
    referralId: uuid("referral_id")
      .notNull()
      .references(() => referral.id, { onDelete: "cascade" }),
    prescriptionId: uuid("prescription_id")
      .notNull()
      .references(() => prescription.id),
    therapistId: uuid("therapist_id")
      .notNull()
      .references(() => user.id),
    occurredAt: timestamp("occurred_at", { withTimezone: true, precision: 3 }).notNull(),
    minutes: integer("minutes").notNull(),
    techniques: text("techniques").array().notNull(),
    bodyRegions: text("body_regions").array().notNull(),
    pressure: text("pressure", { enum: ["light", "medium", "firm", "deep"] }).notNull(),
    subjective: text("subjective").notNull(),
    objective: text("objective").notNull().default(""),
    assessment: text("assessment").notNull().default(""),
    plan: text("plan").notNull().default(""),
    painBefore: integer("pain_before").notNull(),
    painAfter: integer("pain_after").notNull(),
    cptCode: text("cpt_code").notNull(),
    units: integer("units").notNull(),
    /** Each timed service of the visit with its minutes and units (8-minute rule over the total); `cptCode` and
     * `units` hold the first service and the total. */
    services: jsonb("services")
      .$type<{ cptCode: string; minutes: number; units: number }[]>()
      .notNull()
      .default([]),
    createdAt: createdAt(),
  },
  (t) => [
    index("therapy_session_referral_occurred_idx").on(t.referralId, t.occurredAt),
    index("therapy_session_prescription_idx").on(t.prescriptionId),
    index("therapy_session_therapist_idx").on(t.therapistId, t.occurredAt),
  ],
);

/**
 * A correction or late entry on a logged session, by the therapist who logged it: the session's own note is never
 * rewritten, the addendum is shown beside it.
 */
export const sessionAddendum = pgTable(
  "session_addendum",
  {
    id: id(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => therapySession.id, { onDelete: "cascade" }),
    authorId: uuid("author_id")
      .notNull()
      .references(() => user.id),
    /** What the addendum adds or corrects. */
    note: text("note").notNull(),
    /** Why the session's record needed it. */
    reason: text("reason").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("session_addendum_session_created_idx").on(t.sessionId, t.createdAt),
    index("session_addendum_author_idx").on(t.authorId),
  ],
);

/**
 * A visit that did not happen (cancelled or a no-show), with its reason. Kept apart from `therapy_session` so that no
 * count of sessions (sessions used, adherence, units, superbill, insurer visits) can include it.
 */
export const missedVisit = pgTable(
  "missed_visit",
  {
    id: id(),
    referralId: uuid("referral_id")
      .notNull()
      .references(() => referral.id, { onDelete: "cascade" }),
    therapistId: uuid("therapist_id")
      .notNull()
      .references(() => user.id),
    scheduledAt: timestamp("scheduled_at", { withTimezone: true, precision: 3 }).notNull(),
    outcome: text("outcome", { enum: ["cancelled", "no_show"] }).notNull(),
    reason: text("reason").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("missed_visit_referral_scheduled_idx").on(t.referralId, t.scheduledAt),
    index("missed_visit_therapist_idx").on(t.therapistId),
  ],
);

/** The patient's own between-session report. */
export const progressReport = pgTable(
  "progress_report",
  {
    id: id(),
    referralId: uuid("referral_id")
      .notNull()
      .references(() => referral.id, { onDelete: "cascade" }),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => user.id),
    painNow: integer("pain_now").notNull(),
    eveningPain: integer("evening_pain").notNull(),
    sleepHours: real("sleep_hours").notNull(),
    medicationDoses: integer("medication_doses").notNull(),
    note: text("note").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [
    index("progress_report_referral_created_idx").on(t.referralId, t.createdAt),
    index("progress_report_patient_idx").on(t.patientId),
  ],
);

export const message = pgTable(
  "message",
  {
    id: id(),
    referralId: uuid("referral_id")
      .notNull()
      .references(() => referral.id, { onDelete: "cascade" }),
    authorId: uuid("author_id")
      .notNull()
      .references(() => user.id),
    body: text("body").notNull(),
    /** everyone: the shared timeline; patient_physician: the private thread the therapist never reads. */
    audience: text("audience", { enum: ["everyone", "patient_physician"] })
      .notNull()
      .default("everyone"),
    createdAt: createdAt(),
  },
  (t) => [
    index("message_referral_created_idx").on(t.referralId, t.createdAt),
    index("message_author_idx").on(t.authorId),
  ],
);
