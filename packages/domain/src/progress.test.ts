import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { DomainError } from "./errors";
import {
  adherence,
  adherenceOf,
  goalProgress,
  plannedSessionsToDate,
  prescriptionExpired,
  prescriptionWeekOf,
  progressReportSchema,
  REMINDER_LABELS,
  REPEATED_SESSION_WARNINGS,
  reminders,
  SESSION_WARNING_LABELS,
  SESSION_WARNINGS,
  sessionsInWeek,
  sessionWarnings,
} from "./progress";

const ID = "6f1c2a7e-3b7d-4c1e-9a2b-1c3d4e5f6a7b";

function issues(schema: z.ZodType, input: unknown): Record<string, string> {
  const r = schema.safeParse(input);
  if (r.success) return {};
  return Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("progressReportSchema", () => {
  const report = {
    referralId: ID,
    painNow: 4,
    eveningPain: 5,
    sleepHours: 6.5,
    medicationDoses: 2,
    note: "Better.",
  };
  it("accepts a report; note is optional", () => {
    expect(progressReportSchema.parse(report)).toEqual(report);
    const { note: _n, ...bare } = report;
    expect(progressReportSchema.parse(bare).note).toBe("");
  });
  it("bounds each value, naming the field", () => {
    expect(issues(progressReportSchema, { ...report, painNow: 11 })).toEqual({
      painNow: "Pain now must be between 0 and 10",
    });
    expect(issues(progressReportSchema, { ...report, eveningPain: -1 })).toEqual({
      eveningPain: "Evening pain must be between 0 and 10",
    });
    expect(issues(progressReportSchema, { ...report, sleepHours: 25 })).toEqual({
      sleepHours: "Sleep hours must be between 0 and 24",
    });
    expect(issues(progressReportSchema, { ...report, medicationDoses: 51 })).toEqual({
      medicationDoses: "Pain medication doses must be between 0 and 50",
    });
    expect(issues(progressReportSchema, { ...report, note: "x".repeat(2001) })).toEqual({
      note: "Note must be at most 2000 characters",
    });
    expect(progressReportSchema.safeParse({ ...report, note: "x".repeat(2000) }).success).toBe(true);
  });
});

describe("goalProgress", () => {
  it("lower is better for pain: part way, reached, beyond, worse", () => {
    expect(goalProgress({ measure: "pain", baseline: 8, target: 3, latest: 5 })).toEqual({
      change: -3,
      percentOfWayToTarget: 60,
      achieved: false,
      status: "improving",
      direction: "lower_is_better",
    });
    expect(goalProgress({ measure: "pain", baseline: 8, target: 3, latest: 3 })).toMatchObject({
      percentOfWayToTarget: 100,
      achieved: true,
      status: "achieved",
    });
    expect(goalProgress({ measure: "evening_pain", baseline: 8, target: 3, latest: 2 })).toMatchObject({
      change: -6,
      percentOfWayToTarget: 120,
      achieved: true,
    });
    expect(goalProgress({ measure: "medication_doses", baseline: 4, target: 1, latest: 6 })).toMatchObject({
      change: 2,
      percentOfWayToTarget: 0,
      achieved: false,
      status: "worse",
    });
  });
  it("higher is better for sleep", () => {
    expect(goalProgress({ measure: "sleep_hours", baseline: 4, target: 7, latest: 5.5 })).toEqual({
      change: 1.5,
      percentOfWayToTarget: 50,
      achieved: false,
      status: "improving",
      direction: "higher_is_better",
    });
    expect(goalProgress({ measure: "sleep_hours", baseline: 4, target: 7, latest: 7 })).toMatchObject({
      achieved: true,
    });
    expect(goalProgress({ measure: "sleep_hours", baseline: 4, target: 7, latest: 3 })).toMatchObject({
      change: -1,
      percentOfWayToTarget: 0,
      achieved: false,
      status: "worse",
    });
  });
  it("a custom measure goes the way it states", () => {
    expect(
      goalProgress({
        measure: "custom",
        direction: "higher_is_better",
        baseline: 10,
        target: 30,
        latest: 20,
      }),
    ).toEqual({
      change: 10,
      percentOfWayToTarget: 50,
      achieved: false,
      status: "improving",
      direction: "higher_is_better",
    });
    expect(
      goalProgress({ measure: "custom", direction: "lower_is_better", baseline: 30, target: 10, latest: 10 }),
    ).toMatchObject({ percentOfWayToTarget: 100, achieved: true, direction: "lower_is_better" });
    // A custom goal saved before directions were stated: the target is all there is to go by.
    expect(goalProgress({ measure: "custom", baseline: 30, target: 10, latest: 10 }).direction).toBe(
      "lower_is_better",
    );
  });
  it("no measurement yet is its own status, never achieved", () => {
    expect(goalProgress({ measure: "pain", baseline: 8, target: 3, latest: null })).toEqual({
      change: null,
      percentOfWayToTarget: null,
      achieved: false,
      status: "no_measurement",
      direction: "lower_is_better",
    });
  });
  it("a target that is no improvement (an old row) is never achieved", () => {
    // "Pain from 7 to 9": reported ACHIEVED on day 0 before the rule.
    expect(goalProgress({ measure: "pain", baseline: 7, target: 9, latest: 7 })).toMatchObject({
      achieved: false,
      status: "unchanged",
      percentOfWayToTarget: null,
    });
    expect(goalProgress({ measure: "pain", baseline: 7, target: 9, latest: 9 })).toMatchObject({
      achieved: false,
      status: "worse",
    });
    expect(
      goalProgress({ measure: "custom", direction: "higher_is_better", baseline: 5, target: 5, latest: 5 }),
    ).toMatchObject({ change: 0, percentOfWayToTarget: null, achieved: false, status: "unchanged" });
  });
  describe.each([
    ["pain", "lower_is_better", 7, 3],
    ["evening_pain", "lower_is_better", 6, 2],
    ["medication_doses", "lower_is_better", 4, 0],
    ["sleep_hours", "higher_is_better", 4, 8],
  ] as const)("%s (%s) from %d to %d", (measure, direction, baseline, target) => {
    const step = direction === "lower_is_better" ? -1 : 1;
    it.each([
      ["no measurement", null, "no_measurement", false],
      ["at baseline", baseline, "unchanged", false],
      ["one step better", baseline + step, "improving", false],
      ["one step short of target", target - step, "improving", false],
      ["at target", target, "achieved", true],
      ["beyond target", target + step, "achieved", true],
      ["one step worse", baseline - step, "worse", false],
    ] as const)("%s -> %s", (_name, latest, status, achieved) => {
      const p = goalProgress({ measure, baseline, target, latest });
      expect(p).toMatchObject({ status, achieved, direction });
    });
  });
  it("rounds: a third of the way is 33%", () => {
    expect(goalProgress({ measure: "pain", baseline: 9, target: 6, latest: 8 }).percentOfWayToTarget).toBe(
      33,
    );
    expect(goalProgress({ measure: "sleep_hours", baseline: 5.2, target: 7, latest: 5.3 }).change).toBe(0.1);
  });
});

describe("adherence", () => {
  it("is a rounded percentage, null when nothing was planned", () => {
    expect(adherence(6, 8)).toBe(75);
    expect(adherence(2, 3)).toBe(67);
    expect(adherence(0, 4)).toBe(0);
    expect(adherence(8, 8)).toBe(100);
    expect(adherence(0, 0)).toBeNull();
  });
  it("refuses negative counts", () => {
    expect(() => adherence(-1, 4)).toThrow(DomainError);
    expect(() => adherence(1, -4)).toThrow("Planned sessions cannot be negative");
  });
});

describe("prescriptionExpired", () => {
  it("is valid through the end of the expiry day in the patient's zone", () => {
    const ny = "America/New_York";
    expect(prescriptionExpired("2026-04-30", new Date("2026-04-29T12:00:00Z"), ny)).toBe(false);
    // 19:00 in New York is already 1 May in UTC: still valid (the old UTC check expired it here).
    expect(prescriptionExpired("2026-04-30", new Date("2026-04-30T23:00:00Z"), ny)).toBe(false);
    expect(prescriptionExpired("2026-04-30", new Date("2026-05-01T03:59:59.999Z"), ny)).toBe(false);
    expect(prescriptionExpired("2026-04-30", new Date("2026-05-01T04:00:00Z"), ny)).toBe(true);
    expect(prescriptionExpired("2026-04-30", new Date("2026-05-01T00:00:00Z"), "UTC")).toBe(true);
  });
  it("across DST: the last day of a March or November expiry ends at local midnight", () => {
    const la = "America/Los_Angeles";
    // 8 March 2026: clocks spring forward; the day ends at 07:00 UTC (PDT, -7).
    expect(prescriptionExpired("2026-03-08", new Date("2026-03-09T06:59:59Z"), la)).toBe(false);
    expect(prescriptionExpired("2026-03-08", new Date("2026-03-09T07:00:00Z"), la)).toBe(true);
    // 1 November 2026: clocks fall back; the day ends at 08:00 UTC (PST, -8).
    expect(prescriptionExpired("2026-11-01", new Date("2026-11-02T07:59:59Z"), la)).toBe(false);
    expect(prescriptionExpired("2026-11-01", new Date("2026-11-02T08:00:00Z"), la)).toBe(true);
  });
  it("a zone far from UTC: in Kiritimati (UTC+14) the last day ends at 10:00 UTC", () => {
    const k = "Pacific/Kiritimati";
    expect(prescriptionExpired("2026-01-31", new Date("2026-01-31T09:59:59Z"), k)).toBe(false);
    expect(prescriptionExpired("2026-01-31", new Date("2026-01-31T10:00:00Z"), k)).toBe(true);
  });
});

describe("adherenceOf and planned sessions to date", () => {
  it("caps at 100% and says what is beyond the plan, never '3 of 2 planned'", () => {
    expect(adherenceOf(3, 2)).toEqual({
      attended: 3,
      planned: 2,
      onPlan: 2,
      beyondPlan: 1,
      percent: 100,
      text: "2 of 2 planned sessions attended (100%), plus 1 session more than planned",
    });
    expect(adherence(3, 2)).toBe(100);
    expect(adherenceOf(6, 8).text).toBe("6 of 8 planned sessions attended (75%)");
    expect(adherenceOf(1, 1).text).toBe("1 of 1 planned session attended (100%)");
    expect(adherenceOf(0, 0)).toMatchObject({ percent: null, text: "No sessions planned yet" });
    expect(adherenceOf(2, 0)).toMatchObject({
      percent: null,
      beyondPlan: 2,
      text: "No sessions planned yet; 2 sessions attended",
    });
    expect(adherenceOf(7, 2).text).toBe(
      "2 of 2 planned sessions attended (100%), plus 5 sessions more than planned",
    );
  });
  const rx = { validFrom: "2026-03-02", expiresOn: "2026-05-24", sessionsPerWeek: 2, authorized: 20 };
  it.each([
    ["before it starts", "2026-03-01", 0],
    ["its first day", "2026-03-02", 2],
    ["day 7 (still week 1)", "2026-03-08", 2],
    ["day 8 (week 2 begun)", "2026-03-09", 4],
    ["week 10", "2026-05-04", 20],
    ["capped at the authorized total", "2026-05-20", 20],
    ["after expiry", "2026-07-01", 20],
  ])("planned to date: %s -> %i", (_n, today, planned) => {
    expect(plannedSessionsToDate({ ...rx, today })).toBe(planned);
  });
  it("the week of a session is counted from valid-from; the new session is included", () => {
    expect(prescriptionWeekOf("2026-03-02", "2026-03-02")).toBe(0);
    expect(prescriptionWeekOf("2026-03-02", "2026-03-08")).toBe(0);
    expect(prescriptionWeekOf("2026-03-02", "2026-03-09")).toBe(1);
    expect(sessionsInWeek("2026-03-02", [], "2026-03-03")).toBe(1);
    expect(sessionsInWeek("2026-03-02", ["2026-03-02", "2026-03-05", "2026-03-10"], "2026-03-08")).toBe(3);
    expect(sessionsInWeek("2026-03-02", ["2026-03-02", "2026-03-05"], "2026-03-09")).toBe(1);
  });
  it("sessions beyond the prescribed frequency warn", () => {
    const base = {
      used: 1,
      authorized: 12,
      visitsPerYear: null,
      visitsUsedThisYear: 0,
      expiresOn: null,
      today: "2026-03-03",
    };
    expect(sessionWarnings({ ...base, sessionsThisWeek: 2, sessionsPerWeek: 2 })).toEqual([]);
    expect(sessionWarnings({ ...base, sessionsThisWeek: 3, sessionsPerWeek: 2 })).toEqual([
      "frequency_exceeded",
    ]);
    expect(REPEATED_SESSION_WARNINGS).toEqual(["frequency_exceeded"]);
    expect(SESSION_WARNING_LABELS.frequency_exceeded).toMatch(/sessions per week/);
  });
});

describe("reminders", () => {
  it.each([
    [0, 0, null],
    [5, 29, null],
    [6, 0, "progress_report_due"],
    [0, 30, "progress_report_due"],
    [5, null, null],
    [6, null, "progress_report_due"],
  ] as const)("%i sessions, %s days -> %s", (sessions, days, expected) => {
    expect(reminders({ sessionsSinceLastReport: sessions, daysSinceLastReport: days })).toBe(expected);
  });
  it("has a label", () => {
    expect(REMINDER_LABELS.progress_report_due).toMatch(/progress report/i);
  });
});

describe("sessionWarnings", () => {
  const quiet = {
    used: 4,
    authorized: 12,
    visitsPerYear: 20,
    visitsUsedThisYear: 4,
    expiresOn: "2026-04-30",
    today: "2026-03-01",
  };
  it("is empty when nothing is close", () => {
    expect(sessionWarnings(quiet)).toEqual([]);
    expect(sessionWarnings({ ...quiet, visitsPerYear: null, expiresOn: null })).toEqual([]);
  });
  it("warns at two or fewer sessions left", () => {
    expect(sessionWarnings({ ...quiet, used: 9 })).toEqual([]);
    expect(sessionWarnings({ ...quiet, used: 10 })).toEqual(["two_sessions_left"]);
    expect(sessionWarnings({ ...quiet, used: 12 })).toEqual(["two_sessions_left"]);
  });
  it("warns when the yearly visit limit is near or reached", () => {
    expect(sessionWarnings({ ...quiet, visitsUsedThisYear: 17 })).toEqual([]);
    expect(sessionWarnings({ ...quiet, visitsUsedThisYear: 18 })).toEqual(["visit_limit_near"]);
    expect(sessionWarnings({ ...quiet, visitsUsedThisYear: 20 })).toEqual(["visit_limit_near"]);
  });
  it("warns within 7 days of expiry, not after", () => {
    expect(sessionWarnings({ ...quiet, today: "2026-04-22" })).toEqual([]);
    expect(sessionWarnings({ ...quiet, today: "2026-04-23" })).toEqual(["prescription_expires_soon"]);
    expect(sessionWarnings({ ...quiet, today: "2026-04-30" })).toEqual(["prescription_expires_soon"]);
    expect(sessionWarnings({ ...quiet, today: "2026-05-01" })).toEqual([]);
  });
  it("combines warnings in a stable order, each with a label", () => {
    expect(sessionWarnings({ ...quiet, used: 11, visitsUsedThisYear: 19, today: "2026-04-28" })).toEqual([
      "two_sessions_left",
      "visit_limit_near",
      "prescription_expires_soon",
    ]);
    for (const w of SESSION_WARNINGS) expect(SESSION_WARNING_LABELS[w]).toMatch(/\.$/);
  });
});
