import { bigint, boolean, index, integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { user } from "./auth";
import { createdAt, id } from "./columns";
import { referral } from "./referral";

/**
 * Append-only timeline of a referral, seen by all parties. `seq` (identity) is the total order and the cursor:
 * created_at can tie within one transaction.
 */
export const timelineEvent = pgTable(
  "timeline_event",
  {
    id: id(),
    seq: bigint("seq", { mode: "number" }).generatedAlwaysAsIdentity().notNull(),
    referralId: uuid("referral_id")
      .notNull()
      .references(() => referral.id, { onDelete: "cascade" }),
    actorId: uuid("actor_id").references(() => user.id),
    actorRole: text("actor_role", {
      enum: ["patient", "physician", "therapist", "admin", "system"],
    }).notNull(),
    type: text("type").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    index("timeline_event_referral_seq_idx").on(t.referralId, t.seq),
    index("timeline_event_actor_idx").on(t.actorId),
  ],
);

/** Append-only: who read or wrote which referral's health data, and when. Holds no health data itself. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: id(),
    // No foreign keys: the trail must outlive what it names, and a read's audit row must not take a key-share
    // lock on the referral and user it read (that turned every read into a row-locking write).
    actorId: uuid("actor_id"),
    actorRole: text("actor_role").notNull(),
    action: text("action").notNull(),
    referralId: uuid("referral_id"),
    entity: text("entity"),
    entityId: uuid("entity_id"),
    createdAt: createdAt(),
  },
  (t) => [
    index("audit_log_referral_created_idx").on(t.referralId, t.createdAt),
    index("audit_log_actor_created_idx").on(t.actorId, t.createdAt),
  ],
);

export const quizAttempt = pgTable(
  "quiz_attempt",
  {
    id: id(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    score: integer("score").notNull(),
    total: integer("total").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("quiz_attempt_patient_created_idx").on(t.patientId, t.createdAt)],
);

export const quizAnswer = pgTable(
  "quiz_answer",
  {
    id: id(),
    attemptId: uuid("attempt_id")
      .notNull()
      .references(() => quizAttempt.id, { onDelete: "cascade" }),
    questionId: text("question_id").notNull(),
    optionId: text("option_id").notNull(),
    correct: boolean("correct").notNull(),
  },
  (t) => [
    index("quiz_answer_attempt_idx").on(t.attemptId),
    index("quiz_answer_question_idx").on(t.questionId, t.optionId),
  ],
);
