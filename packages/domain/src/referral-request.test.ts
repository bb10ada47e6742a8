import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  acceptSchema,
  cancelSchema,
  chooseTherapistSchema,
  completeSchema,
  DESIRED_FREQUENCIES,
  DESIRED_FREQUENCY_LABELS,
  declineSchema,
  discontinueSchema,
  EXPECTATION_GOAL_KINDS,
  EXPECTATION_GOAL_LABELS,
  makeReferralCreateSchema,
  messagePostSchema,
  REFERRAL_KIND_LABELS,
  referralCreateSchema,
  referralIdSchema,
  referralListSchema,
  requestInfoSchema,
  respondSchema,
  timelineListSchema,
  turnDownSchema,
  withdrawSchema,
} from "./referral-request";

const ID = "6f1c2a7e-3b7d-4c1e-9a2b-1c3d4e5f6a7b";
const ID2 = "0b5d6a3c-8e4f-4a1b-8c2d-3e4f5a6b7c8d";

/** path ("a.0.b") -> message for every issue. */
function issues(schema: z.ZodType, input: unknown): Record<string, string> {
  const r = schema.safeParse(input);
  if (r.success) return {};
  return Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
}

const valid = {
  physicianId: ID,
  kind: "chronic",
  bodyRegions: ["lower_back", "neck"],
  symptoms: ["pain", "insomnia"],
  description: "Low back pain for two years, worse after sitting.",
  painNow: 6,
  eveningPain: 8,
  sleepHours: 5.5,
  medicationDosesPerDay: 4,
  medicalConditions: ["Hypertension"],
  medications: ["Ibuprofen 400 mg"],
  expectations: {
    goals: [{ kind: "fewer_painkillers" }, { kind: "custom", text: "Play with my kids again" }],
    desiredFrequency: "weekly",
  },
  onsetDate: "2024-03-01",
};

describe("referralCreateSchema", () => {
  it("accepts a complete request and trims text", () => {
    const out = referralCreateSchema.parse({ ...valid, description: "  Sore back  " });
    expect(out.description).toBe("Sore back");
    expect(out.sleepHours).toBe(5.5);
    expect(out.expectations.goals[1]).toEqual({ kind: "custom", text: "Play with my kids again" });
  });
  it("onsetDate is optional", () => {
    const { onsetDate: _omit, ...rest } = valid;
    expect(referralCreateSchema.safeParse(rest).success).toBe(true);
  });
  it("names each bad field", () => {
    expect(issues(referralCreateSchema, { ...valid, physicianId: "doc-1" })).toEqual({
      physicianId: "physicianId must be a valid id",
    });
    expect(issues(referralCreateSchema, { ...valid, kind: "sudden" })).toEqual({
      kind: "Choose acute or chronic",
    });
    expect(issues(referralCreateSchema, { ...valid, description: "" })).toEqual({
      description: "Description is required",
    });
    expect(issues(referralCreateSchema, { ...valid, description: "x".repeat(4001) })).toEqual({
      description: "Description must be at most 4000 characters",
    });
    expect(referralCreateSchema.safeParse({ ...valid, description: "x".repeat(4000) }).success).toBe(true);
  });
  it("bounds the 0-10 scales, sleep hours and doses", () => {
    for (const [field, ok, bad] of [
      ["painNow", [0, 10], [-1, 11, 4.5]],
      ["eveningPain", [0, 10], [-1, 11, 0.5]],
      ["sleepHours", [0, 7.5, 24], [-0.5, 24.5]],
      ["medicationDosesPerDay", [0, 50], [-1, 51, 1.5]],
    ] as const) {
      for (const v of ok)
        expect(referralCreateSchema.safeParse({ ...valid, [field]: v }).success, `${field}=${v}`).toBe(true);
      for (const v of bad)
        expect(Object.keys(issues(referralCreateSchema, { ...valid, [field]: v }))).toEqual([field]);
    }
    expect(issues(referralCreateSchema, { ...valid, painNow: 11 }).painNow).toBe(
      "Pain now must be between 0 and 10",
    );
    expect(issues(referralCreateSchema, { ...valid, medicationDosesPerDay: 2.5 }).medicationDosesPerDay).toBe(
      "Pain medication doses per day must be a whole number",
    );
  });
  it("requires 1..8 distinct body regions and at least one symptom", () => {
    expect(issues(referralCreateSchema, { ...valid, bodyRegions: [] })).toEqual({
      bodyRegions: "Choose at least one body region",
    });
    expect(issues(referralCreateSchema, { ...valid, bodyRegions: ["neck", "neck"] })).toEqual({
      bodyRegions: "Each body region may be listed only once",
    });
    expect(issues(referralCreateSchema, { ...valid, bodyRegions: ["neck", "feet"] })).toEqual({
      "bodyRegions.1": "Choose a listed body region",
    });
    expect(issues(referralCreateSchema, { ...valid, symptoms: [] })).toEqual({
      symptoms: "Choose at least one symptom",
    });
  });
  it("limits conditions and medications to 30 entries of 120 characters", () => {
    expect(referralCreateSchema.safeParse({ ...valid, medications: Array(30).fill("x") }).success).toBe(true);
    expect(issues(referralCreateSchema, { ...valid, medications: Array(31).fill("x") })).toEqual({
      medications: "At most 30 entries in medications",
    });
    expect(issues(referralCreateSchema, { ...valid, medicalConditions: ["x".repeat(121)] })).toEqual({
      "medicalConditions.0": "Each entry in medical conditions must be at most 120 characters",
    });
    expect(referralCreateSchema.safeParse({ ...valid, medicalConditions: [], medications: [] }).success).toBe(
      true,
    );
  });
  it("checks expectations: 1..10 goals, custom needs text, each listed goal once", () => {
    const withGoals = (goals: unknown[]) => ({ ...valid, expectations: { ...valid.expectations, goals } });
    expect(issues(referralCreateSchema, withGoals([]))).toEqual({
      "expectations.goals": "Choose at least one goal",
    });
    expect(issues(referralCreateSchema, withGoals([{ kind: "custom" }]))).toEqual({
      "expectations.goals.0.text": "Describe your goal in a few words",
    });
    expect(issues(referralCreateSchema, withGoals([{ kind: "custom", text: "x".repeat(301) }]))).toEqual({
      "expectations.goals.0.text": "Goal text must be at most 300 characters",
    });
    expect(issues(referralCreateSchema, withGoals([{ kind: "less_pain" }, { kind: "less_pain" }]))).toEqual({
      "expectations.goals.1.kind": "Each goal may be chosen only once",
    });
    expect(
      referralCreateSchema.safeParse(
        withGoals([
          { kind: "custom", text: "a" },
          { kind: "custom", text: "b" },
        ]),
      ).success,
    ).toBe(true);
    expect(
      Object.keys(issues(referralCreateSchema, withGoals(Array(11).fill({ kind: "custom", text: "a" })))),
    ).toEqual(["expectations.goals"]);
    expect(
      issues(referralCreateSchema, {
        ...valid,
        expectations: { ...valid.expectations, desiredFrequency: "daily" },
      }),
    ).toEqual({ "expectations.desiredFrequency": "Choose how often you would like massage" });
  });
  it("refuses an onset date in the future or not a date", () => {
    expect(
      issues(makeReferralCreateSchema({ now: new Date("2026-01-01T00:00:00Z") }), {
        ...valid,
        onsetDate: "2026-01-03",
      }),
    ).toEqual({
      onsetDate: "Onset date cannot be in the future",
    });
    expect(issues(referralCreateSchema, { ...valid, onsetDate: "01/03/2024" })).toEqual({
      onsetDate: "Use a date like 2026-01-31",
    });
  });
  it("has a label for every kind, goal and frequency", () => {
    expect(Object.keys(REFERRAL_KIND_LABELS)).toEqual(["acute", "chronic"]);
    for (const k of EXPECTATION_GOAL_KINDS) expect(EXPECTATION_GOAL_LABELS[k]).toBeTruthy();
    for (const f of DESIRED_FREQUENCIES) expect(DESIRED_FREQUENCY_LABELS[f]).toBeTruthy();
    expect(DESIRED_FREQUENCY_LABELS.weekly).toBe("Once a week");
  });
});

describe("referral action schemas", () => {
  it("every mutation validates referralId and accepts an optional expectedVersion", () => {
    const cases = [
      [requestInfoSchema, { question: "Any numbness?" }],
      [respondSchema, { answer: "No." }],
      [declineSchema, { reason: "Needs imaging first." }],
      [cancelSchema, {}],
      [chooseTherapistSchema, { therapistId: ID2 }],
      [acceptSchema, {}],
      [turnDownSchema, { reason: "Fully booked." }],
      [completeSchema, {}],
      [discontinueSchema, { reason: "No progress." }],
      [withdrawSchema, { reason: "Moving away." }],
      [messagePostSchema, { body: "See you Tuesday." }],
    ] as const;
    for (const [schema, rest] of cases) {
      expect(schema.safeParse({ referralId: ID, ...rest }).success).toBe(true);
      expect(schema.safeParse({ referralId: ID, ...rest, expectedVersion: 3 }).success).toBe(true);
      expect(issues(schema, { referralId: "abc", ...rest })).toEqual({
        referralId: "referralId must be a valid id",
      });
      expect(issues(schema, { referralId: ID, ...rest, expectedVersion: -1 })).toEqual({
        expectedVersion: "expectedVersion must be 0 or more",
      });
    }
  });
  it("requires and bounds the texts", () => {
    expect(issues(requestInfoSchema, { referralId: ID, question: " " })).toEqual({
      question: "Question is required",
    });
    expect(issues(requestInfoSchema, { referralId: ID, question: "x".repeat(2001) })).toEqual({
      question: "Question must be at most 2000 characters",
    });
    expect(issues(respondSchema, { referralId: ID, answer: "x".repeat(4001) })).toEqual({
      answer: "Answer must be at most 4000 characters",
    });
    expect(respondSchema.safeParse({ referralId: ID, answer: "x".repeat(4000) }).success).toBe(true);
    for (const s of [declineSchema, turnDownSchema, discontinueSchema, withdrawSchema]) {
      expect(issues(s, { referralId: ID })).toEqual({ reason: "Reason is required" });
      expect(issues(s, { referralId: ID, reason: "x".repeat(2001) })).toEqual({
        reason: "Reason must be at most 2000 characters",
      });
    }
    expect(issues(cancelSchema, { referralId: ID, reason: "x".repeat(2001) })).toEqual({
      reason: "Reason must be at most 2000 characters",
    });
    expect(issues(completeSchema, { referralId: ID, note: "x".repeat(2001) })).toEqual({
      note: "Note must be at most 2000 characters",
    });
    expect(issues(messagePostSchema, { referralId: ID, body: "" })).toEqual({ body: "Message is required" });
    expect(issues(chooseTherapistSchema, { referralId: ID, therapistId: "t1" })).toEqual({
      therapistId: "therapistId must be a valid id",
    });
  });
  it("referralIdSchema validates id", () => {
    expect(referralIdSchema.parse({ id: ID })).toEqual({ id: ID });
    expect(issues(referralIdSchema, { id: "x" })).toEqual({ id: "id must be a valid id" });
  });
  it("list schemas default and bound limit", () => {
    expect(referralListSchema.parse({})).toEqual({ limit: 20 });
    expect(referralListSchema.parse({ status: "active", cursor: "abc", limit: 100 })).toEqual({
      status: "active",
      cursor: "abc",
      limit: 100,
    });
    expect(issues(referralListSchema, { limit: 0 })).toEqual({ limit: "limit must be between 1 and 100" });
    expect(issues(referralListSchema, { limit: 101 })).toEqual({ limit: "limit must be between 1 and 100" });
    expect(Object.keys(issues(referralListSchema, { status: "paused" }))).toEqual(["status"]);
    expect(timelineListSchema.parse({ referralId: ID })).toEqual({ referralId: ID, limit: 50 });
    expect(timelineListSchema.safeParse({ referralId: ID, limit: 200 }).success).toBe(true);
    expect(issues(timelineListSchema, { referralId: ID, limit: 201 })).toEqual({
      limit: "limit must be between 1 and 200",
    });
    expect(issues(timelineListSchema, { referralId: "nope" })).toEqual({
      referralId: "referralId must be a valid id",
    });
  });
});
