import { z } from "zod";
import { visitLimitWarning } from "./coverage";
import { daysBetween, endOfDay } from "./dates";
import { invalidField } from "./errors";
import { expectedVersionField, freeText, idField, intInRange, numberInRange, requiredText } from "./fields";
import { type GoalDirection, type GoalMeasure, goalDirection, isBetter } from "./plan";

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

/**
 * Where a goal stands: no measurement since the baseline yet; the latest measurement reached the target; better
 * than the baseline but not there; no better; worse than the baseline.
 */
export const GOAL_STATUSES = ["no_measurement", "achieved", "improving", "unchanged", "worse"] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];
export const GOAL_STATUS_LABELS: Record<GoalStatus, string> = {
  no_measurement: "No measurement yet",
  achieved: "Achieved",
  improving: "Improving",
  unchanged: "No change",
  worse: "Worse",
};

export type GoalProgress = {
  /** latest - baseline, in the measure's unit (negative = went down); null without a measurement. */
  change: number | null;
  /** How far from baseline towards target, in percent (0 = no better than baseline, 100 = target reached, can exceed
   * 100); null when there is no measurement or the target is no improvement on the baseline. */
  percentOfWayToTarget: number | null;
  /** Only when a measurement (not the baseline) reached the target. */
  achieved: boolean;
  status: GoalStatus;
  direction: GoalDirection;
};

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Direction-aware progress of one goal (pain, evening pain and medication doses improve downwards, sleep upwards, a
 * custom measure says which): `latest` is the latest measurement after the baseline, null when there is none.
 */
export function goalProgress(g: {
  measure: GoalMeasure;
  direction?: GoalDirection | null;
  baseline: number;
  target: number;
  latest: number | null;
}): GoalProgress {
  const direction = goalDirection(g);
  if (g.latest === null)
    return { change: null, percentOfWayToTarget: null, achieved: false, status: "no_measurement", direction };
  const change = round1(g.latest - g.baseline);
  // A target that is no improvement (saved before the rule existed) can never be "achieved".
  const meaningful = isBetter(direction, g.target, g.baseline);
  const achieved = meaningful && !isBetter(direction, g.target, g.latest);
  const status: GoalStatus = achieved
    ? "achieved"
    : isBetter(direction, g.latest, g.baseline)
      ? "improving"
      : g.latest === g.baseline
        ? "unchanged"
        : "worse";
  if (!meaningful) return { change, percentOfWayToTarget: null, achieved, status, direction };
  const improvement = direction === "lower_is_better" ? g.baseline - g.latest : g.latest - g.baseline;
  const needed = Math.abs(g.target - g.baseline);
  const percentOfWayToTarget = Math.max(0, Math.round((improvement / needed) * 100));
  return { change, percentOfWayToTarget, achieved, status, direction };
}

/**
 * Sessions attended as a percentage of sessions planned so far, rounded and capped at 100 (sessions beyond the
 * plan are counted, and said, by `adherenceOf`, never shown as "150%"); null when none are planned yet.
 */
export function adherence(attended: number, planned: number): number | null {
  if (attended < 0 || !Number.isFinite(attended))
    throw invalidField("attended", "Attended sessions cannot be negative");
  if (planned < 0 || !Number.isFinite(planned))
    throw invalidField("planned", "Planned sessions cannot be negative");
  if (planned === 0) return null;
  return Math.min(100, Math.round((attended / planned) * 100));
}

export type Adherence = {
  attended: number;
  planned: number;
  /** Attended sessions that count towards the plan (at most `planned`). */
  onPlan: number;
  /** Sessions attended beyond the plan so far (more often than prescribed). */
  beyondPlan: number;
  percent: number | null;
  /** "6 of 8 planned sessions attended (75%)", "2 of 2 planned sessions attended (100%), plus 1 more than planned". */
  text: string;
};

/** Adherence, explained: attended / planned to date, capped, with the sessions beyond the plan named. */
export function adherenceOf(attended: number, planned: number): Adherence {
  const percent = adherence(attended, planned);
  const onPlan = Math.min(attended, planned);
  const beyondPlan = Math.max(0, attended - planned);
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const extra = beyondPlan > 0 ? `, plus ${plural(beyondPlan, "session", "sessions")} more than planned` : "";
  const text =
    planned === 0
      ? attended === 0
        ? "No sessions planned yet"
        : `No sessions planned yet; ${plural(attended, "session", "sessions")} attended`
      : `${onPlan} of ${plural(planned, "planned session", "planned sessions")} attended (${percent}%)${extra}`;
  return { attended, planned, onPlan, beyondPlan, percent, text };
}

/**
 * Sessions planned so far: the prescribed weekly frequency over the prescription's weeks begun by `today` (its
 * validity days, both included), capped at the authorized total. 0 before it starts.
 */
export function plannedSessionsToDate(p: {
  validFrom: string;
  expiresOn: string;
  sessionsPerWeek: number;
  authorized: number;
  today: string;
}): number {
  if (p.today < p.validFrom) return 0;
  const end = p.today < p.expiresOn ? p.today : p.expiresOn;
  const weeksBegun = Math.ceil((daysBetween(p.validFrom, end) + 1) / 7);
  return Math.min(p.authorized, weeksBegun * p.sessionsPerWeek);
}

/** Week number (0 = the first 7 days) of `day` in a prescription valid from `validFrom`. */
export const prescriptionWeekOf = (validFrom: string, day: string): number =>
  Math.floor(daysBetween(validFrom, day) / 7);

/**
 * Sessions in the prescription week of `day`, counting the one being logged: the frequency rule compares it with
 * the prescribed sessions per week. `loggedDays` are the days (patient's zone) of the sessions already logged.
 */
export function sessionsInWeek(validFrom: string, loggedDays: readonly string[], day: string): number {
  const week = prescriptionWeekOf(validFrom, day);
  return loggedDays.filter((d) => prescriptionWeekOf(validFrom, d) === week).length + 1;
}

/**
 * A prescription is valid through the end of its expires-on day in the patient's zone: expired from the first
 * instant of the next day there.
 */
export function prescriptionExpired(expiresOn: string, now: Date, timeZone: string): boolean {
  return now.getTime() >= endOfDay(expiresOn, timeZone).getTime();
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
  "frequency_exceeded",
] as const;
/** Warnings put on the timeline every time they apply (the others once per prescription). */
export const REPEATED_SESSION_WARNINGS: readonly SessionWarning[] = ["frequency_exceeded"];
export type SessionWarning = (typeof SESSION_WARNINGS)[number];
export const SESSION_WARNING_LABELS: Record<SessionWarning, string> = {
  two_sessions_left: "Two or fewer authorized sessions are left: time to discuss renewal with the physician.",
  visit_limit_near: "The insurer's yearly visit limit is almost or fully used.",
  prescription_expires_soon: "The prescription expires within a week.",
  frequency_exceeded: "More sessions this week than the prescription's sessions per week.",
};
export const PRESCRIPTION_EXPIRES_SOON_DAYS = 7;

export function sessionWarnings(input: {
  used: number;
  authorized: number;
  visitsPerYear: number | null;
  visitsUsedThisYear: number;
  expiresOn: string | null;
  today: string;
  /** Sessions in the logged session's prescription week (itself included) and the prescribed frequency. */
  sessionsThisWeek?: number;
  sessionsPerWeek?: number;
}): SessionWarning[] {
  const warnings: SessionWarning[] = [];
  if (
    input.sessionsThisWeek !== undefined &&
    input.sessionsPerWeek !== undefined &&
    input.sessionsThisWeek > input.sessionsPerWeek
  )
    warnings.push("frequency_exceeded");
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
