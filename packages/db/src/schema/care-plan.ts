import { date, index, integer, jsonb, pgTable, real, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { user } from "./auth";
import { createdAt, id, updatedAt } from "./columns";
import { referral } from "./referral";

/** The plan of care of one referral; its content lives in versions. */
export const carePlan = pgTable("care_plan", {
  id: id(),
  referralId: uuid("referral_id")
    .notNull()
    .unique()
    .references(() => referral.id, { onDelete: "cascade" }),
  currentVersion: integer("current_version").notNull().default(0),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export type CarePlanContent = {
  frequency: string;
  techniques: string[];
  precautions: string;
  homeCare: string;
};

/** Every save is a new row; the unique (plan, version) makes a concurrent edit on the same base version lose. */
export const carePlanVersion = pgTable(
  "care_plan_version",
  {
    id: id(),
    carePlanId: uuid("care_plan_id")
      .notNull()
      .references(() => carePlan.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    content: jsonb("content").$type<CarePlanContent>().notNull(),
    changes: jsonb("changes").$type<string[]>().notNull().default([]),
    authorId: uuid("author_id")
      .notNull()
      .references(() => user.id),
    authorRole: text("author_role").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("care_plan_version_uq").on(t.carePlanId, t.version),
    index("care_plan_version_author_idx").on(t.authorId),
  ],
);

/** Measurable goals of one plan version. */
export const planGoal = pgTable(
  "plan_goal",
  {
    id: id(),
    planVersionId: uuid("plan_version_id")
      .notNull()
      .references(() => carePlanVersion.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    measure: text("measure", {
      enum: ["pain", "evening_pain", "sleep_hours", "medication_doses", "custom"],
    }).notNull(),
    customName: text("custom_name"),
    customUnit: text("custom_unit"),
    /** A custom measure's stated direction (null for the listed measures, whose direction is fixed). */
    direction: text("direction", { enum: ["lower_is_better", "higher_is_better"] }),
    baseline: real("baseline").notNull(),
    target: real("target").notNull(),
    byDate: date("by_date", { mode: "string" }).notNull(),
  },
  (t) => [index("plan_goal_version_idx").on(t.planVersionId, t.position)],
);

/** Physician/therapist approvals and the patient's acknowledgement, each bound to one version. */
export const planApproval = pgTable(
  "plan_approval",
  {
    id: id(),
    carePlanId: uuid("care_plan_id")
      .notNull()
      .references(() => carePlan.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => user.id),
    role: text("role", { enum: ["physician", "therapist", "patient"] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("plan_approval_uq").on(t.carePlanId, t.version, t.role),
    index("plan_approval_user_idx").on(t.userId),
  ],
);
