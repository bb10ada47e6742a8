import { z } from "zod";
import { visitLimitWarning } from "./coverage";
import { daysBetween } from "./dates";
import { invalidField } from "./errors";
import { expectedVersionField, freeText, idField, intInRange, numberInRange, requiredText } from "./fields";
import { GOAL_MEASURE_INFO, type GoalMeasure } from "./plan";

/** Patient progress reports and the progress math behind charts, the justification summary and reminders. */

export const progressReportSchema = z.object({
  referralId: idField("referralId"),
  painNow: intInRange("Pain now", 0, 10),
  eveningPain: intInRange("Evening pain", 0, 10),
  sleepHours: numberInRange("Sleep hours", 0, 24),
  medicationDoses: intInRange("Pain medication doses", 0, 50),
  note: freeText("Note", 2000),
  expectedVersion: expectedVersionField(),
});
export type ProgressReportInput = z.infer<typeof progressReportSchema>;

export type GoalProgress = {
  /** latest - baseline, in the measure's unit (negative = went down); null without a measurement. */
  change: number | null;
  /** How far from baseline towards target, in percent (0 = no better than baseline, 100 = target reached, can exceed
   * 100); null when there is no measurement or baseline equals target. */
  percentOfWayToTarget: number | null;
  achieved: boolean;
  direction: "lower_is_better" | "higher_is_better";
};

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Direction-aware progress of one goal: lower is better for pain, evening pain and medication doses, higher for
 * sleep; a custom measure's direction is inferred from its target relative to its baseline.
 */
export function goalProgress(g: {
  measure: GoalMeasure;
  baseline: number;
  target: number;
  latest: number | null;
}): GoalProgress {
  const known = GOAL_MEASURE_INFO[g.measure].lowerIsBetter;
  const lowerIsBetter = known ?? g.target < g.baseline;
  const direction = lowerIsBetter ? "lower_is_better" : "higher_is_better";
  if (g.latest === null) return { change: null, percentOfWayToTarget: null, achieved: false, direction };
  const change = round1(g.latest - g.baseline);
  const achieved = lowerIsBetter ? g.latest <= g.target : g.latest >= g.target;
  if (g.baseline === g.target) return { change, percentOfWayToTarget: null, achieved, direction };
  const improvement = lowerIsBetter ? g.baseline - g.latest : g.latest - g.baseline;
  const needed = Math.abs(g.target - g.baseline);
  const percentOfWayToTarget = Math.max(0, Math.round((improvement / needed) * 100));
  return { change, percentOfWayToTarget, achieved, direction };
}

/** Sessions attended as a percentage of sessions planned so far (rounded; may exceed 100); null when none planned. */
export function adherence(attended: number, planned: number): number | null {
  if (attended < 0 || !Number.isFinite(attended))
    throw invalidField("attended", "Attended sessions cannot be negative");
  if (planned < 0 || !Number.isFinite(planned))
    throw invalidField("planned", "Planned sessions cannot be negative");
  if (planned === 0) return null;
  return Math.round((attended / planned) * 100);
}

/** A prescription is valid through its expires-on day and expired from the next day. */
export function prescriptionExpired(expiresOn: string, today: string): boolean {
  return today > expiresOn;
}

export const PROGRESS_REPORT_EVERY_SESSIONS = 6;
export const PROGRESS_REPORT_EVERY_DAYS = 30;

export type Reminder = "progress_report_due";
export const REMINDER_LABELS: Record<Reminder, string> = {
  progress_report_due: "A progress report is due: tell your care team how you are doing.",
};

/** Progress report due every 6 sessions or 30 days since the last report (null days = no report yet, sessions only). */
export function reminders(input: {
  sessionsSinceLastReport: number;
  daysSinceLastReport: number | null;
}): Reminder | null {
  if (input.sessionsSinceLastReport >= PROGRESS_REPORT_EVERY_SESSIONS) return "progress_report_due";
  if (input.daysSinceLastReport !== null && input.daysSinceLastReport >= PROGRESS_REPORT_EVERY_DAYS)
    return "progress_report_due";
  return null;
}

export const SESSION_WARNINGS = [
  "two_sessions_left",
  "visit_limit_near",
  "prescription_expires_soon",
] as const;
export type SessionWarning = (typeof SESSION_WARNINGS)[number];
export const SESSION_WARNING_LABELS: Record<SessionWarning, string> = {
  two_sessions_left: "Two or fewer authorized sessions are left: time to discuss renewal with the physician.",
  visit_limit_near: "The insurer's yearly visit limit is almost or fully used.",
  prescription_expires_soon: "The prescription expires within a week.",
};
export const PRESCRIPTION_EXPIRES_SOON_DAYS = 7;

export function sessionWarnings(input: {
  used: number;
  authorized: number;
  visitsPerYear: number | null;
  visitsUsedThisYear: number;
  expiresOn: string | null;
  today: string;
}): SessionWarning[] {
  const warnings: SessionWarning[] = [];
  if (input.authorized - input.used <= 2) warnings.push("two_sessions_left");
  if (visitLimitWarning(input.visitsPerYear, input.visitsUsedThisYear) !== "none")
    warnings.push("visit_limit_near");
  if (input.expiresOn) {
    const left = daysBetween(input.today, input.expiresOn);
    if (left >= 0 && left <= PRESCRIPTION_EXPIRES_SOON_DAYS) warnings.push("prescription_expires_soon");
  }
  return warnings;
}

/** The therapist's progress report to the physician (the current figures are attached by the server). */
export const progressShareSchema = z.object({
  referralId: idField("referralId"),
  note: requiredText("Progress note", 4000),
  expectedVersion: expectedVersionField(),
});
export type ProgressShareInput = z.infer<typeof progressShareSchema>;
