import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { user } from "./auth";
import { createdAt, id } from "./columns";
import { referral } from "./referral";

/**
 * "Something happened on a referral you take part in." Holds the kind and the referral only: no health data, so
 * the list, the unread count and the email built from a row can disclose nothing clinical.
 */
export const notification = pgTable(
  "notification",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    referralId: uuid("referral_id")
      .notNull()
      .references(() => referral.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    createdAt: createdAt(),
    readAt: timestamp("read_at", { withTimezone: true, precision: 3 }),
    // The live stream's cursor (notification.onEvent): a total order, unlike created_at (transaction start).
    seq: bigint("seq", { mode: "number" }).generatedAlwaysAsIdentity().notNull(),
    /** A scheduled reminder's occurrence (e.g. one prescription's expiry): sent at most once per user. */
    occurrence: text("occurrence"),
  },
  (t) => [
    // The list: newest first per user, id as the tie-break of the keyset cursor.
    index("notification_user_created_idx").on(t.userId, t.createdAt.desc(), t.id.desc()),
    // The bell: counts only unread rows.
    index("notification_user_unread_idx").on(t.userId).where(sql`${t.readAt} is null`),
    index("notification_referral_idx").on(t.referralId),
    index("notification_user_seq_idx").on(t.userId, t.seq),
    // A re-run of the reminder job, or two instances running it at once, cannot remind anyone twice.
    uniqueIndex("notification_user_occurrence_uq")
      .on(t.userId, t.occurrence)
      .where(sql`${t.occurrence} is not null`),
  ],
);

/** Per user and kind: email on or off. No row means the default (on); the in-app list always has every kind. */
export const notificationPreference = pgTable(
  "notification_preference",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    email: boolean("email").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

/**
 * Each user's last visit to each referral page: the newest timeline seq they were shown, so the next visit can
 * mark what is new since. One row per user and referral, overwritten on every visit.
 */
export const referralVisit = pgTable(
  "referral_visit",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    referralId: uuid("referral_id")
      .notNull()
      .references(() => referral.id, { onDelete: "cascade" }),
    seenSeq: bigint("seen_seq", { mode: "number" }).notNull(),
    visitedAt: timestamp("visited_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.referralId] }),
    // The referral's rows go with it (cascade): the key covers user_id, this covers the other side.
    index("referral_visit_referral_idx").on(t.referralId),
  ],
);
