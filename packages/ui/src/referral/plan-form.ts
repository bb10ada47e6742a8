import { GOAL_MEASURE_INFO, type GoalDirection, type GoalMeasure } from "@mm/domain";
import { blankToUndefined } from "../forms/validation";
import type { Plan } from "./types";

/**
 * The plan editor's form values and their mapping to `plan.update`'s input. Field names match the input's, so the
 * shared zod schema's error paths ("goals.0.target") land under the right fields, in the browser and from the server.
 */
export type GoalValues = {
  /** React key of the row (goals have no id until saved). */
  key: string;
  /** The goal's id in the version being edited: lets the server's diff say "target 6 → 3" instead of add/remove. */
  id: string | null;
  measure: GoalMeasure;
  customName: string;
  customUnit: string;
  /** A custom measure's direction ("" until chosen); the listed measures' is fixed. */
  direction: GoalDirection | "";
  /** NumberInput gives "" when empty. */
  baseline: number | string;
  target: number | string;
  byDate: string;
};

export type PlanFormValues = {
  goals: GoalValues[];
  frequency: string;
  techniques: string[];
  precautions: string;
  homeCare: string;
};

export type Baselines = Plan["baselines"];

let keys = 0;
const nextKey = () => `goal-${++keys}`;

/** The patient's own figure from the request, for the four standard measures. */
export function baselineFor(measure: GoalMeasure, baselines: Baselines): number | string {
  return measure === "custom" ? "" : baselines[measure];
}

export function newGoal(measure: GoalMeasure, baselines: Baselines, byDate: string): GoalValues {
  return {
    key: nextKey(),
    id: null,
    measure,
    customName: "",
    customUnit: "",
    direction: "",
    baseline: baselineFor(measure, baselines),
    target: "",
    byDate,
  };
}

/** The current version as form values; a plan not written yet starts with one pain goal. */
export function valuesFromPlan(plan: Plan, defaultByDate: string): PlanFormValues {
  const content = plan.content;
  if (!content) {
    return {
      goals: [newGoal("pain", plan.baselines, defaultByDate)],
      frequency: "",
      techniques: [],
      precautions: "",
      homeCare: "",
    };
  }
  return {
    goals: content.goals.map((g) => ({
      key: nextKey(),
      id: g.id,
      measure: g.measure,
      customName: g.customName ?? "",
      customUnit: g.customUnit ?? "",
      direction: g.direction ?? "",
      baseline: g.baseline,
      target: g.target,
      byDate: g.byDate,
    })),
    frequency: content.frequency,
    techniques: [...content.techniques],
    precautions: content.precautions,
    homeCare: content.homeCare,
  };
}

const goalKey = (g: GoalValues) =>
  g.measure === "custom" ? `custom:${g.customName.trim().toLowerCase()}` : g.measure;

const sameGoal = (a: GoalValues, b: GoalValues) =>
  goalKey(a) === goalKey(b) &&
  a.customUnit.trim() === b.customUnit.trim() &&
  a.direction === b.direction &&
  String(a.baseline) === String(b.baseline) &&
  String(a.target) === String(b.target) &&
  a.byDate === b.byDate;

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * "Re-apply my changes on top": a three-way merge of what I changed since `base` onto `theirs` (the newer version
 * someone else saved). Fields and goals I did not touch keep their version, so re-applying never reverts their
 * edits; where we both changed the same thing, mine wins (that is what the person asked for). Goals are matched by
 * measure (custom ones by name) and keep their ids from `theirs`, so the server's diff reads as edits.
 */
export function mergeEdits(
  base: PlanFormValues,
  mine: PlanFormValues,
  theirs: PlanFormValues,
): PlanFormValues {
  const pick = <T>(b: T, m: T, t: T, same: (x: T, y: T) => boolean) => (same(b, m) ? t : m);
  const eq = (x: string, y: string) => x === y;
  const baseGoals = new Map(base.goals.map((g) => [goalKey(g), g]));
  const myKeys = new Set(mine.goals.map(goalKey));
  let goals = theirs.goals.filter((g) => !(baseGoals.has(goalKey(g)) && !myKeys.has(goalKey(g))));
  for (const g of mine.goals) {
    const before = baseGoals.get(goalKey(g));
    if (before && sameGoal(before, g)) continue;
    const i = goals.findIndex((t) => goalKey(t) === goalKey(g));
    if (i >= 0) goals = goals.map((t, j) => (j === i ? { ...g, id: t.id, key: t.key } : t));
    else goals = [...goals, { ...g, id: null }];
  }
  return {
    goals,
    frequency: pick(base.frequency, mine.frequency, theirs.frequency, eq),
    techniques: pick(base.techniques, mine.techniques, theirs.techniques, sameList),
    precautions: pick(base.precautions, mine.precautions, theirs.precautions, eq),
    homeCare: pick(base.homeCare, mine.homeCare, theirs.homeCare, eq),
  };
}

const toNumber = (v: number | string): number | undefined => {
  if (typeof v === "number") return v;
  return v.trim() === "" ? undefined : Number(v);
};

/** `plan.update`'s input, before validation (so an empty number is undefined and the schema names the field). */
export function planInput(values: PlanFormValues, referralId: string, version: number) {
  return {
    referralId,
    version,
    goals: values.goals.map((g) => {
      const custom = g.measure === "custom";
      return {
        ...(g.id ? { id: g.id } : {}),
        measure: g.measure,
        customName: custom ? blankToUndefined(g.customName) : undefined,
        customUnit: custom ? blankToUndefined(g.customUnit) : undefined,
        direction: custom && g.direction ? g.direction : undefined,
        baseline: toNumber(g.baseline),
        target: toNumber(g.target),
        byDate: g.byDate,
      };
    }),
    frequency: values.frequency,
    techniques: values.techniques,
    precautions: values.precautions,
    homeCare: values.homeCare,
  };
}

/** "out of 10", "hours", or the custom goal's own unit. */
export function unitOf(goal: Pick<GoalValues, "measure" | "customUnit">): string {
  if (goal.measure === "custom") return goal.customUnit.trim();
  const unit = GOAL_MEASURE_INFO[goal.measure].unit;
  return unit === "/10" ? "out of 10" : unit;
}
