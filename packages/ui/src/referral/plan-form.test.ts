import { planUpdateSchema } from "@mm/domain";
import { describe, expect, test } from "vitest";
import { mergeEdits, newGoal, type PlanFormValues, planInput, valuesFromPlan } from "./plan-form";
import type { Plan } from "./types";

const REFERRAL = "7d1f3a8e-5b2c-4c1e-9a3f-2b6c8d9e0f11";
const GOAL_ID = "0b5e0c7e-2f5b-4d8f-8a61-6f1c2b3d4e5f";
const baselines = { pain: 6, evening_pain: 7, sleep_hours: 5, medication_doses: 3 };

const plan = (content: Plan["content"]): Plan =>
  ({
    referralId: REFERRAL,
    referralStatus: "planning",
    version: content ? 1 : 0,
    content,
    approvals: {
      inEffect: false,
      physicianApproved: false,
      therapistApproved: false,
      patientAcknowledged: false,
      waitingFor: ["physician", "therapist", "patient"],
    },
    editable: true,
    baselines,
    history: [],
  }) as Plan;

describe("plan form", () => {
  test("a new plan starts with a pain goal whose baseline is the patient's reported pain", () => {
    const values = valuesFromPlan(plan(null), "2030-01-01");
    expect(values.goals).toHaveLength(1);
    expect(values.goals[0]).toMatchObject({ measure: "pain", baseline: 6, target: "", byDate: "2030-01-01" });
  });

  test("baselines come from the request per measure; custom goals start empty", () => {
    expect(newGoal("sleep_hours", baselines, "2030-01-01").baseline).toBe(5);
    expect(newGoal("custom", baselines, "2030-01-01").baseline).toBe("");
  });

  test("a filled form becomes a valid plan.update input, keeping goal ids for the diff", () => {
    const values = valuesFromPlan(
      plan({
        frequency: "Weekly",
        techniques: ["Swedish"],
        precautions: "",
        homeCare: "Stretch",
        goals: [
          {
            id: GOAL_ID,
            measure: "pain",
            customName: null,
            customUnit: null,
            direction: null,
            baseline: 6,
            target: 3,
            byDate: "2030-01-01",
          },
        ],
      }),
      "2030-01-01",
    );
    const parsed = planUpdateSchema.safeParse(planInput(values, REFERRAL, 1));
    expect(parsed.success).toBe(true);
    expect(parsed.data?.goals[0]?.id).toBe(GOAL_ID);
  });

  test("an empty target fails validation on that goal's field, not elsewhere", () => {
    const values = valuesFromPlan(plan(null), "2030-01-01");
    values.frequency = "Weekly";
    const parsed = planUpdateSchema.safeParse(planInput(values, REFERRAL, 0));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join("."))).toEqual(["goals.0.target"]);
  });

  test("custom name and unit are sent only for custom goals", () => {
    const values = valuesFromPlan(plan(null), "2030-01-01");
    values.goals[0] = { ...values.goals[0]!, customName: "ignored", target: 3 };
    const input = planInput(values, REFERRAL, 0);
    expect(input.goals[0]?.customName).toBeUndefined();
    values.goals[0] = { ...values.goals[0]!, measure: "custom", customName: "  ", baseline: 2, target: 8 };
    const custom = planUpdateSchema.safeParse(planInput({ ...values, frequency: "Weekly" }, REFERRAL, 0));
    // A custom measure also says which way is better.
    expect(custom.error?.issues.map((i) => i.path.join("."))).toEqual([
      "goals.0.customName",
      "goals.0.direction",
    ]);
    values.goals[0] = { ...values.goals[0]!, customName: "Stairs", direction: "higher_is_better" };
    expect(planInput(values, REFERRAL, 0).goals[0]).toMatchObject({ direction: "higher_is_better" });
  });
});

describe("re-applying my changes on top of a newer version", () => {
  const goal = (measure: "pain" | "sleep_hours", target: number, id: string | null = null) => ({
    ...newGoal(measure, baselines, "2030-01-01"),
    id,
    target,
  });
  const values = (over: Partial<PlanFormValues>): PlanFormValues => ({
    goals: [goal("pain", 3, "v1-pain")],
    frequency: "Weekly",
    techniques: ["Swedish"],
    precautions: "",
    homeCare: "",
    ...over,
  });

  test("keeps their edits to what I did not touch, and mine where I changed something", () => {
    const base = values({});
    const mine = values({ goals: [goal("pain", 2, "v1-pain")], homeCare: "Heat" });
    const theirs = values({ goals: [goal("pain", 3, "v2-pain")], frequency: "Twice a week" });
    const merged = mergeEdits(base, mine, theirs);
    expect(merged.frequency).toBe("Twice a week");
    expect(merged.homeCare).toBe("Heat");
    expect(merged.goals).toHaveLength(1);
    expect(merged.goals[0]).toMatchObject({ measure: "pain", target: 2, id: "v2-pain" });
  });

  test("goals: mine added and removed apply; theirs added stay", () => {
    const base = values({ goals: [goal("pain", 3, "v1-pain"), goal("sleep_hours", 7, "v1-sleep")] });
    const mine = values({ goals: [goal("pain", 3, "v1-pain")] });
    const theirs = values({
      goals: [
        goal("pain", 3, "v2-pain"),
        goal("sleep_hours", 8, "v2-sleep"),
        { ...goal("pain", 1), measure: "custom", customName: "Walking" },
      ],
    });
    const merged = mergeEdits(base, mine, theirs);
    expect(merged.goals.map((g) => g.measure)).toEqual(["pain", "custom"]);
    expect(merged.goals[0]?.id).toBe("v2-pain");
  });

  test("a goal I added that they do not have is appended without an id", () => {
    const base = values({});
    const mine = values({ goals: [goal("pain", 3, "v1-pain"), goal("sleep_hours", 7)] });
    const merged = mergeEdits(base, mine, values({ goals: [goal("pain", 4, "v2-pain")] }));
    expect(merged.goals.map((g) => [g.measure, g.target, g.id])).toEqual([
      ["pain", 4, "v2-pain"],
      ["sleep_hours", 7, null],
    ]);
  });
});
