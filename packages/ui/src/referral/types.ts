import type { RouterOutputs } from "../trpc";

/** The shapes the API sends, named once so every component reads the same types. */
export type Referral = RouterOutputs["referral"]["get"];
export type Prescription = Referral["prescriptions"][number];
export type Coverage = Referral["coverage"];
export type Plan = RouterOutputs["plan"]["get"];
export type PlanGoalView = NonNullable<Plan["content"]>["goals"][number];
export type PlanHistoryEntry = Plan["history"][number];
export type ProgressSeries = RouterOutputs["progress"]["series"];
export type SeriesGoal = ProgressSeries["goals"][number];
export type SeriesPoint = SeriesGoal["points"][number];
export type ProgressSummary = RouterOutputs["progress"]["summary"];
export type SummaryGoal = ProgressSummary["goals"][number];
export type TimelineEvent = RouterOutputs["timeline"]["list"]["items"][number];
export type SessionRecord = RouterOutputs["session"]["list"][number];
export type SessionAddendum = SessionRecord["addenda"][number];
export type MissedVisit = RouterOutputs["session"]["listMissed"][number];
