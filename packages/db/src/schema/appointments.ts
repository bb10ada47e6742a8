import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { user } from "./auth";
import { createdAt, id, updatedAt } from "./columns";
import { referral } from "./referral";
import { therapySession } from "./treatment";

const LOCATIONS = ["clinic", "home"] as const;

/** A therapist's booking settings: the zone their weekly hours are written in, the late-cancel window, auto-confirm. */
export const therapistSchedule = pgTable("therapist_schedule", {
  therapistId: uuid("therapist_id")
    .primaryKey()
    .references(() => user.id, { onDelete: "cascade" }),
  timeZone: text("time_zone").notNull(),
  lateCancelHours: integer("late_cancel_hours").notNull().default(24),
  autoConfirm: boolean("auto_confirm").notNull().default(false),
  updatedAt: updatedAt(),
});

/** One weekly window of availability, in local times of the schedule's zone (ISO day of week, 1 = Monday). */
export const availabilityWindow = pgTable(
  "availability_window",
  {
    id: id(),
    therapistId: uuid("therapist_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    dayOfWeek: integer("day_of_week").notNull(),
    startTime: text("start_time").notNull(),
    endTime: text("end_time").notNull(),
    sessionMinutes: integer("session_minutes").array().notNull(),
    location: text("location", { enum: LOCATIONS }).notNull(),
  },
  (t) => [index("availability_window_therapist_idx").on(t.therapistId, t.dayOfWeek)],
);

/** Time off: whole days in the schedule's zone, both ends included. */
export const availabilityException = pgTable(
  "availability_exception",
  {
    id: id(),
    therapistId: uuid("therapist_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    fromDay: date("from_day", { mode: "string" }).notNull(),
    toDay: date("to_day", { mode: "string" }).notNull(),
    reason: text("reason"),
  },
  (t) => [index("availability_exception_therapist_idx").on(t.therapistId, t.fromDay)],
);

/**
 * A booked visit inside a referral. [starts_at, ends_at) instants. No two live (requested / confirmed) appointments
 * of one therapist overlap: an exclusion constraint (migration `appointment_no_overlap`, btree_gist), which
 * drizzle-kit cannot express, enforces it under concurrent bookings; the same holds for the patient.
 */
export const appointment = pgTable(
  "appointment",
  {
    id: id(),
    referralId: uuid("referral_id")
      .notNull()
      .references(() => referral.id, { onDelete: "cascade" }),
    therapistId: uuid("therapist_id")
      .notNull()
      .references(() => user.id),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => user.id),
    startsAt: timestamp("starts_at", { withTimezone: true, precision: 3 }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true, precision: 3 }).notNull(),
    minutes: integer("minutes").notNull(),
    location: text("location", { enum: LOCATIONS }).notNull(),
    status: text("status", {
      enum: ["requested", "confirmed", "declined", "cancelled", "late_cancel", "no_show", "completed"],
    }).notNull(),
    /** Why it was declined or cancelled (told to the other party, never in an email). */
    reason: text("reason"),
    /** The session logged from it, once attended. */
    sessionId: uuid("session_id").references(() => therapySession.id, { onDelete: "set null" }),
    /** When the 24-hour reminder went out (once per appointment; a reschedule clears it). */
    remindedAt: timestamp("reminded_at", { withTimezone: true, precision: 3 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("appointment_referral_starts_idx").on(t.referralId, t.startsAt),
    index("appointment_therapist_starts_idx").on(t.therapistId, t.startsAt),
    index("appointment_patient_starts_idx").on(t.patientId, t.startsAt),
    index("appointment_session_idx").on(t.sessionId),
    check("appointment_ends_after_start", sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/** A private calendar feed per user: only the token's SHA-256 is stored; a new token revokes the old one. */
export const calendarFeed = pgTable("calendar_feed", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => user.id, { onDelete: "cascade" }),
  tokenHash: text("token_hash").notNull().unique(),
  createdAt: createdAt(),
});
