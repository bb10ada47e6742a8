import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { DomainError } from "./errors";
import {
  assertPlanVersion,
  diffPlans,
  GOAL_MEASURE_INFO,
  GOAL_MEASURE_LABELS,
  GOAL_MEASURE_UNITS,
  GOAL_MEASURES,
  goalName,
  type PlanContent,
  planAcknowledgeSchema,
  planApprovalState,
  planApproveSchema,
  planGoalSchema,
  planInEffect,
  planUpdateSchema,
} from "./plan";

const ID = "6f1c2a7e-3b7d-4c1e-9a2b-1c3d4e5f6a7b";
const GOAL_ID = "0b5d6a3c-8e4f-4a1b-8c2d-3e4f5a6b7c8d";

function issues(schema: z.ZodType, input: unknown): Record<string, string> {
  const r = schema.safeParse(input);
  if (r.success) return {};
  return Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
}

const painGoal = { measure: "pain", baseline: 7, target: 3, byDate: "2026-04-01" };
const update = {
  referralId: ID,
  version: 0,
  goals: [painGoal],
  frequency: "Twice a week for 6 weeks",
  techniques: ["Myofascial release", "Trigger point"],
  precautions: "No deep pressure on the lumbar spine.",
  homeCare: "Heat 15 minutes in the evening.",
};

describe("goal measures", () => {
  it("have labels, units and ranges", () => {
    expect(GOAL_MEASURES).toEqual(["pain", "evening_pain", "sleep_hours", "medication_doses", "custom"]);
    expect(GOAL_MEASURE_LABELS.sleep_hours).toBe("Sleep");
    expect(GOAL_MEASURE_UNITS.sleep_hours).toBe("hours");
    expect(GOAL_MEASURE_INFO.pain).toMatchObject({ min: 0, max: 10, lowerIsBetter: true });
    expect(GOAL_MEASURE_INFO.sleep_hours).toMatchObject({ min: 0, max: 24, lowerIsBetter: false });
    expect(GOAL_MEASURE_INFO.medication_doses).toMatchObject({ min: 0, max: 50, lowerIsBetter: true });
    expect(goalName({ measure: "custom", customName: "Walking distance" })).toBe("Walking distance");
    expect(goalName({ measure: "evening_pain" })).toBe("Evening pain");
  });
});

describe("planGoalSchema", () => {
  it("accepts goals within each measure's range", () => {
    expect(planGoalSchema.parse(painGoal)).toEqual(painGoal);
    expect(
      planGoalSchema.safeParse({ ...painGoal, measure: "sleep_hours", baseline: 4.5, target: 7.5 }).success,
    ).toBe(true);
    expect(
      planGoalSchema.safeParse({ ...painGoal, measure: "medication_doses", baseline: 50, target: 0 }).success,
    ).toBe(true);
    expect(
      planGoalSchema.safeParse({
        measure: "custom",
        customName: "Minutes walked",
        customUnit: "min",
        baseline: 10,
        target: 600,
        byDate: "2026-05-01",
        id: GOAL_ID,
      }).success,
    ).toBe(true);
  });
  it("checks ranges per measure, naming the field", () => {
    expect(issues(planGoalSchema, { ...painGoal, target: 11 })).toEqual({
      target: "Target for Pain must be between 0 and 10",
    });
    expect(issues(planGoalSchema, { ...painGoal, baseline: -1 })).toEqual({
      baseline: "Baseline for Pain must be between 0 and 10",
    });
    expect(issues(planGoalSchema, { ...painGoal, target: 2.5 })).toEqual({
      target: "Target for Pain must be a whole number",
    });
    expect(issues(planGoalSchema, { ...painGoal, measure: "sleep_hours", baseline: 4, target: 25 })).toEqual({
      target: "Target for Sleep must be between 0 and 24",
    });
    expect(
      issues(planGoalSchema, { ...painGoal, measure: "medication_doses", baseline: 51, target: 2 }),
    ).toEqual({
      baseline: "Baseline for Pain medication must be between 0 and 50",
    });
    expect(issues(planGoalSchema, { ...painGoal, target: 7 })).toEqual({
      target: "Target must differ from the baseline",
    });
  });
  it("requires a name for a custom measure", () => {
    expect(issues(planGoalSchema, { ...painGoal, measure: "custom" })).toEqual({
      customName: "Name the custom measure",
    });
  });
  it("validates the rest of the shape", () => {
    expect(Object.keys(issues(planGoalSchema, { ...painGoal, measure: "mood" }))).toEqual(["measure"]);
    expect(issues(planGoalSchema, { ...painGoal, byDate: "soon" })).toEqual({
      byDate: "Use a date like 2026-01-31",
    });
    expect(issues(planGoalSchema, { ...painGoal, id: "g1" })).toEqual({ id: "Goal id must be a valid id" });
  });
});

describe("plan schemas", () => {
  it("planUpdateSchema accepts a plan and names nested goal fields", () => {
    expect(planUpdateSchema.parse(update)).toEqual(update);
    expect(issues(planUpdateSchema, { ...update, goals: [painGoal, { ...painGoal, target: 12 }] })).toEqual({
      "goals.1.target": "Target for Pain must be between 0 and 10",
    });
    expect(issues(planUpdateSchema, { ...update, goals: [] })).toEqual({ goals: "Add at least one goal" });
    expect(issues(planUpdateSchema, { ...update, goals: Array(11).fill(painGoal) })).toEqual({
      goals: "At most 10 goals",
    });
    expect(issues(planUpdateSchema, { ...update, frequency: "" })).toEqual({
      frequency: "Frequency is required",
    });
    expect(issues(planUpdateSchema, { ...update, frequency: "x".repeat(201) })).toEqual({
      frequency: "Frequency must be at most 200 characters",
    });
    expect(issues(planUpdateSchema, { ...update, homeCare: "x".repeat(4001) })).toEqual({
      homeCare: "Home care must be at most 4000 characters",
    });
    expect(issues(planUpdateSchema, { ...update, version: -1 })).toEqual({
      version: "version must be 0 or more",
    });
    const { precautions: _p, homeCare: _h, ...bare } = update;
    expect(planUpdateSchema.parse({ ...bare, techniques: [] })).toMatchObject({
      precautions: "",
      homeCare: "",
    });
  });
  it("approve and acknowledge need a referral and a version", () => {
    for (const s of [planApproveSchema, planAcknowledgeSchema]) {
      expect(s.parse({ referralId: ID, version: 2 })).toEqual({ referralId: ID, version: 2 });
      expect(Object.keys(issues(s, { referralId: ID }))).toEqual(["version"]);
      expect(issues(s, { referralId: "x", version: 1 })).toEqual({
        referralId: "referralId must be a valid id",
      });
    }
  });
});

describe("planInEffect and planApprovalState", () => {
  const all = (v: number | null) => ({
    physicianApprovedVersion: v,
    therapistApprovedVersion: v,
    patientAcknowledgedVersion: v,
  });
  it("is in effect only when all three acted on the current version", () => {
    expect(planInEffect({ currentVersion: 3, ...all(3) })).toBe(true);
    expect(planInEffect({ currentVersion: 3, ...all(2) })).toBe(false);
    expect(planInEffect({ currentVersion: 0, ...all(0) })).toBe(false);
    expect(planInEffect({ currentVersion: 1, ...all(null) })).toBe(false);
  });
  it("approvals on different versions never put a plan in effect", () => {
    expect(
      planInEffect({
        currentVersion: 2,
        physicianApprovedVersion: 1,
        therapistApprovedVersion: 2,
        patientAcknowledgedVersion: 2,
      }),
    ).toBe(false);
    expect(
      planInEffect({
        currentVersion: 2,
        physicianApprovedVersion: 2,
        therapistApprovedVersion: 1,
        patientAcknowledgedVersion: 2,
      }),
    ).toBe(false);
    expect(
      planInEffect({
        currentVersion: 2,
        physicianApprovedVersion: 2,
        therapistApprovedVersion: 2,
        patientAcknowledgedVersion: 1,
      }),
    ).toBe(false);
  });
  it("says who still has to act", () => {
    expect(planApprovalState({ currentVersion: 0, ...all(null) })).toEqual({
      inEffect: false,
      physicianApproved: false,
      therapistApproved: false,
      patientAcknowledged: false,
      waitingFor: ["physician", "therapist", "patient"],
    });
    expect(
      planApprovalState({
        currentVersion: 4,
        physicianApprovedVersion: 4,
        therapistApprovedVersion: 3,
        patientAcknowledgedVersion: null,
      }),
    ).toMatchObject({ inEffect: false, physicianApproved: true, waitingFor: ["therapist", "patient"] });
    expect(planApprovalState({ currentVersion: 4, ...all(4) })).toMatchObject({
      inEffect: true,
      waitingFor: [],
    });
  });
  it("assertPlanVersion refuses a stale version with CONFLICT", () => {
    expect(() => assertPlanVersion(3, 3)).not.toThrow();
    try {
      assertPlanVersion(2, 3);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).kind).toBe("conflict");
      expect((e as DomainError).rule).toBe("plan.stale_version");
      expect((e as DomainError).message).toContain("version 3");
    }
  });
});

describe("diffPlans", () => {
  const prev: PlanContent = {
    goals: [
      { id: "g1", measure: "pain", baseline: 7, target: 6, byDate: "2026-04-01" },
      { id: "g2", measure: "sleep_hours", baseline: 5, target: 7, byDate: "2026-04-01" },
    ],
    frequency: "weekly",
    techniques: ["Swedish", "Trigger point"],
    precautions: "None",
    homeCare: "Stretch daily",
  };
  it("returns nothing for identical plans", () => {
    expect(diffPlans(prev, structuredClone(prev) as PlanContent)).toEqual([]);
  });
  it("describes each change in plain words", () => {
    const next: PlanContent = {
      goals: [
        { id: "g1", measure: "pain", baseline: 7, target: 3, byDate: "2026-05-01" },
        {
          measure: "custom",
          customName: "Walking",
          customUnit: "min",
          baseline: 10,
          target: 30,
          byDate: "2026-05-01",
        },
      ],
      frequency: "twice a week",
      techniques: ["Swedish", "Myofascial release"],
      precautions: "Avoid the left shoulder",
      homeCare: "Stretch daily",
    };
    expect(diffPlans(prev, next)).toEqual([
      "Frequency: 'weekly' → 'twice a week'",
      "Goal 'Pain' target 6 → 3",
      "Goal 'Pain' by-date 2026-04-01 → 2026-05-01",
      "Added goal 'Walking': 10 → 30 by 2026-05-01",
      "Removed goal 'Sleep'",
      "Added technique 'Myofascial release'",
      "Removed technique 'Trigger point'",
      "Precautions: 'None' → 'Avoid the left shoulder'",
    ]);
  });
  it("matches goals without ids by measure", () => {
    const a: PlanContent = {
      ...prev,
      goals: [{ measure: "pain", baseline: 7, target: 5, byDate: "2026-04-01" }],
    };
    const b: PlanContent = {
      ...prev,
      goals: [{ measure: "pain", baseline: 8, target: 5, byDate: "2026-04-01" }],
    };
    expect(diffPlans(a, b)).toEqual(["Goal 'Pain' baseline 7 → 8"]);
  });
  it("shortens long texts", () => {
    const line = diffPlans(prev, { ...prev, homeCare: "x".repeat(200) })[0];
    expect(line).toBe(`Home care: 'Stretch daily' → '${"x".repeat(77)}...'`);
  });
});
