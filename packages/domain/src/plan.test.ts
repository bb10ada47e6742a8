import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { DomainError } from "./errors";
import {
  assertPlanOpen,
  assertPlanVersion,
  assertSignOffAllowed,
  canAcknowledge,
  defaultGoalByDate,
  diffPlans,
  GOAL_MEASURE_INFO,
  GOAL_MEASURE_LABELS,
  GOAL_MEASURE_UNITS,
  GOAL_MEASURES,
  goalDateIssues,
  goalName,
  PLAN_BADGE_LABELS,
  type PlanBadge,
  type PlanContent,
  type PlanVersions,
  planAcknowledgeSchema,
  planApprovalState,
  planApproveSchema,
  planBadge,
  planGoalSchema,
  planInEffect,
  planOpen,
  planUpdateSchema,
} from "./plan";
import { REFERRAL_STATUSES, type ReferralStatus } from "./referral-state";

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
        direction: "higher_is_better",
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
      direction: "Say whether lower or higher is better for this measure",
    });
  });
  it("a target must be an improvement in the measure's direction", () => {
    // Pain, evening pain and doses improve downwards; sleep upwards.
    expect(issues(planGoalSchema, { ...painGoal, baseline: 7, target: 9 })).toEqual({
      target: "Target must be lower than the baseline (7): for pain, lower is better",
    });
    expect(issues(planGoalSchema, { ...painGoal, measure: "evening_pain", baseline: 3, target: 4 })).toEqual({
      target: "Target must be lower than the baseline (3): for evening pain, lower is better",
    });
    expect(
      issues(planGoalSchema, { ...painGoal, measure: "medication_doses", baseline: 1, target: 3 }),
    ).toEqual({
      target: "Target must be lower than the baseline (1): for pain medication, lower is better",
    });
    expect(issues(planGoalSchema, { ...painGoal, measure: "sleep_hours", baseline: 7, target: 5 })).toEqual({
      target: "Target must be higher than the baseline (7): for sleep, higher is better",
    });
    expect(issues(planGoalSchema, { ...painGoal, measure: "sleep_hours", baseline: 5, target: 7 })).toEqual(
      {},
    );
    const custom = { ...painGoal, measure: "custom", customName: "Stairs climbed", baseline: 2, target: 10 };
    expect(issues(planGoalSchema, { ...custom, direction: "higher_is_better" })).toEqual({});
    expect(issues(planGoalSchema, { ...custom, direction: "lower_is_better" })).toEqual({
      target: "Target must be lower than the baseline (2): for Stairs climbed, lower is better",
    });
    // A listed measure's direction is fixed.
    expect(issues(planGoalSchema, { ...painGoal, direction: "higher_is_better" })).toEqual({
      direction: "Pain improves downwards",
    });
    expect(issues(planGoalSchema, { ...painGoal, direction: "lower_is_better" })).toEqual({});
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
    expect(issues(planUpdateSchema, { ...update, goals: [painGoal, { ...painGoal, target: 9 }] })).toEqual({
      "goals.1.target": "Target must be lower than the baseline (7): for pain, lower is better",
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

describe("plan rules in the referral's lifecycle", () => {
  const state = (v: Partial<PlanVersions>) =>
    planApprovalState({
      currentVersion: 2,
      physicianApprovedVersion: null,
      therapistApprovedVersion: null,
      patientAcknowledgedVersion: null,
      ...v,
    });
  it("the plan is open only in planning and active", () => {
    for (const s of REFERRAL_STATUSES) expect(planOpen(s)).toBe(s === "planning" || s === "active");
    expect(() => assertPlanOpen("completed")).toThrow(
      expect.objectContaining({ kind: "rule", rule: "plan.not_editable_in_completed" }),
    );
    expect(() => assertPlanOpen("planning")).not.toThrow();
  });
  it.each([
    [null, null, false],
    [2, null, false],
    [null, 2, false],
    [1, 2, false],
    [2, 1, false],
    [2, 2, true],
  ])(
    "patient acknowledges only what both clinicians approved (physician v%s, therapist v%s) -> %s",
    (ph, th, ok) => {
      const s = state({ physicianApprovedVersion: ph, therapistApprovedVersion: th });
      expect(canAcknowledge(s)).toBe(ok);
      const run = () => assertSignOffAllowed("patient", s);
      if (ok) expect(run).not.toThrow();
      else
        expect(run).toThrow(
          expect.objectContaining({ kind: "rule", rule: "plan.acknowledge_before_clinician_approval" }),
        );
      // Clinicians approve in any order.
      expect(() => assertSignOffAllowed("physician", s)).not.toThrow();
      expect(() => assertSignOffAllowed("therapist", s)).not.toThrow();
    },
  );
  it("nothing left to acknowledge once acknowledged", () => {
    expect(
      canAcknowledge(
        state({ physicianApprovedVersion: 2, therapistApprovedVersion: 2, patientAcknowledgedVersion: 2 }),
      ),
    ).toBe(false);
  });
  it("badges tell the truth after the referral ends", () => {
    const expected: Record<ReferralStatus, [PlanBadge, PlanBadge]> = {
      requested: ["ended", "ended"],
      needs_info: ["ended", "ended"],
      declined: ["ended", "ended"],
      cancelled: ["ended", "ended"],
      prescribed: ["ended", "ended"],
      // The therapist was withdrawn: the plan they wrote ended, it is not "not in effect yet".
      awaiting_therapist: ["ended", "ended"],
      planning: ["not_in_effect_yet", "in_effect"],
      active: ["not_in_effect_yet", "in_effect"],
      completed: ["ended", "no_longer_in_effect"],
      discontinued: ["ended", "no_longer_in_effect"],
      expired: ["ended", "no_longer_in_effect"],
    };
    for (const s of REFERRAL_STATUSES) {
      expect([planBadge(s, false), planBadge(s, true)], s).toEqual(expected[s]);
    }
    expect(PLAN_BADGE_LABELS[planBadge("completed", true)]).toBe("No longer in effect");
  });
});

describe("goal dates and the prescription", () => {
  const ctx = { today: "2026-03-01", validFrom: "2026-02-15", expiresOn: "2026-04-15" };
  it("a by-date is after today and within the prescription's validity", () => {
    expect(goalDateIssues([{ byDate: "2026-03-02" }, { byDate: "2026-04-15" }], ctx)).toEqual([]);
    expect(goalDateIssues([{ byDate: "2026-03-01" }], ctx)).toEqual([
      { path: "goals.0.byDate", message: "A goal's by-date must be in the future" },
    ]);
    expect(goalDateIssues([{ byDate: "2026-03-10" }, { byDate: "2026-04-16" }], ctx)).toEqual([
      {
        path: "goals.1.byDate",
        message:
          "A goal's by-date must be on or before the prescription's expiry (2026-04-15); the physician renews the prescription to plan further",
      },
    ]);
    expect(goalDateIssues([{ byDate: "2026-03-05" }], { ...ctx, validFrom: "2026-03-10" })[0]?.path).toBe(
      "goals.0.byDate",
    );
    expect(goalDateIssues([{ byDate: "2027-01-01" }], { ...ctx, validFrom: null, expiresOn: null })).toEqual(
      [],
    );
  });
  it("the editor's default by-date is 8 weeks ahead but never past the expiry", () => {
    expect(defaultGoalByDate(ctx)).toBe("2026-04-15");
    expect(defaultGoalByDate({ ...ctx, expiresOn: "2026-12-31" })).toBe("2026-04-26");
    expect(defaultGoalByDate({ ...ctx, expiresOn: null })).toBe("2026-04-26");
  });
});
