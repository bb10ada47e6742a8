import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { DomainError } from "./errors";
import {
  adherence,
  goalProgress,
  prescriptionExpired,
  progressReportSchema,
  REMINDER_LABELS,
  reminders,
  SESSION_WARNING_LABELS,
  SESSION_WARNINGS,
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
      direction: "lower_is_better",
    });
    expect(goalProgress({ measure: "pain", baseline: 8, target: 3, latest: 3 })).toMatchObject({
      percentOfWayToTarget: 100,
      achieved: true,
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
    });
  });
  it("higher is better for sleep", () => {
    expect(goalProgress({ measure: "sleep_hours", baseline: 4, target: 7, latest: 5.5 })).toEqual({
      change: 1.5,
      percentOfWayToTarget: 50,
      achieved: false,
      direction: "higher_is_better",
    });
    expect(goalProgress({ measure: "sleep_hours", baseline: 4, target: 7, latest: 7 })).toMatchObject({
      achieved: true,
    });
    expect(goalProgress({ measure: "sleep_hours", baseline: 4, target: 7, latest: 3 })).toMatchObject({
      change: -1,
      percentOfWayToTarget: 0,
      achieved: false,
    });
  });
  it("infers direction for custom measures from the target", () => {
    expect(goalProgress({ measure: "custom", baseline: 10, target: 30, latest: 20 })).toEqual({
      change: 10,
      percentOfWayToTarget: 50,
      achieved: false,
      direction: "higher_is_better",
    });
    expect(goalProgress({ measure: "custom", baseline: 30, target: 10, latest: 10 })).toMatchObject({
      percentOfWayToTarget: 100,
      achieved: true,
      direction: "lower_is_better",
    });
  });
  it("percent is null when baseline equals target or there is no measurement", () => {
    expect(goalProgress({ measure: "custom", baseline: 5, target: 5, latest: 5 })).toMatchObject({
      change: 0,
      percentOfWayToTarget: null,
      achieved: true,
    });
    expect(goalProgress({ measure: "pain", baseline: 8, target: 3, latest: null })).toEqual({
      change: null,
      percentOfWayToTarget: null,
      achieved: false,
      direction: "lower_is_better",
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
  it("is valid through the expiry day", () => {
    expect(prescriptionExpired("2026-04-30", "2026-04-29")).toBe(false);
    expect(prescriptionExpired("2026-04-30", "2026-04-30")).toBe(false);
    expect(prescriptionExpired("2026-04-30", "2026-05-01")).toBe(true);
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
