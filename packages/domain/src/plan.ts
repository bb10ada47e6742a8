import { z } from "zod";
import { conflict } from "./errors";
import { freeText, INT4_MAX, idField, numberInRange, optionalText, requiredText, textList } from "./fields";
import { isoDateSchema } from "./profile";

/**
 * Plan of care: measurable goals co-authored by physician and therapist. Every edit is a new version and clears
 * approvals (the API's job); the plan is in effect only when physician and therapist approved the same, current
 * version and the patient acknowledged it.
 */
export const GOAL_MEASURES = ["pain", "evening_pain", "sleep_hours", "medication_doses", "custom"] as const;
export type GoalMeasure = (typeof GOAL_MEASURES)[number];

export type GoalMeasureInfo = {
  label: string;
  /** Unit shown after a value; custom goals bring their own. */
  unit: string;
  /** Allowed range of baseline/target; null for custom measures. */
  min: number | null;
  max: number | null;
  /** Whole numbers only (a 0-10 scale, a count of doses). */
  integer: boolean;
  /** Direction of improvement; null for custom (inferred from baseline and target). */
  lowerIsBetter: boolean | null;
};

export const GOAL_MEASURE_INFO: Record<GoalMeasure, GoalMeasureInfo> = {
  pain: { label: "Pain", unit: "/10", min: 0, max: 10, integer: true, lowerIsBetter: true },
  evening_pain: { label: "Evening pain", unit: "/10", min: 0, max: 10, integer: true, lowerIsBetter: true },
  sleep_hours: { label: "Sleep", unit: "hours", min: 0, max: 24, integer: false, lowerIsBetter: false },
  medication_doses: {
    label: "Pain medication",
    unit: "doses/day",
    min: 0,
    max: 50,
    integer: true,
    lowerIsBetter: true,
  },
  custom: { label: "Custom measure", unit: "", min: null, max: null, integer: false, lowerIsBetter: null },
};
export const GOAL_MEASURE_LABELS = Object.fromEntries(
  GOAL_MEASURES.map((m) => [m, GOAL_MEASURE_INFO[m].label]),
) as Record<GoalMeasure, string>;
export const GOAL_MEASURE_UNITS = Object.fromEntries(
  GOAL_MEASURES.map((m) => [m, GOAL_MEASURE_INFO[m].unit]),
) as Record<GoalMeasure, string>;

export const goalMeasureSchema = z.enum(GOAL_MEASURES, { error: "Choose a listed measure" });

/** Bound of any goal value, custom measures included. */
const GOAL_VALUE_MAX = 1_000_000;

export const planGoalSchema = z
  .object({
    id: idField("Goal id").optional(),
    measure: goalMeasureSchema,
    customName: optionalText("Custom measure name", 80),
    customUnit: optionalText("Custom unit", 30),
    // Stored in `real` columns; the measure's own range is checked below.
    baseline: numberInRange("Baseline", -GOAL_VALUE_MAX, GOAL_VALUE_MAX),
    target: numberInRange("Target", -GOAL_VALUE_MAX, GOAL_VALUE_MAX),
    byDate: isoDateSchema,
  })
  .superRefine((g, ctx) => {
    if (!GOAL_MEASURES.includes(g.measure)) return;
    const info = GOAL_MEASURE_INFO[g.measure];
    if (g.measure === "custom" && !g.customName) {
      ctx.addIssue({ code: "custom", path: ["customName"], message: "Name the custom measure" });
    }
    for (const field of ["baseline", "target"] as const) {
      const v = g[field];
      if (typeof v !== "number" || !Number.isFinite(v)) continue;
      const name = field === "baseline" ? "Baseline" : "Target";
      if (info.min !== null && info.max !== null && (v < info.min || v > info.max)) {
        ctx.addIssue({
          code: "custom",
          path: [field],
          message: `${name} for ${info.label} must be between ${info.min} and ${info.max}`,
        });
      } else if (info.integer && !Number.isInteger(v)) {
        ctx.addIssue({
          code: "custom",
          path: [field],
          message: `${name} for ${info.label} must be a whole number`,
        });
      }
    }
    if (typeof g.baseline === "number" && g.baseline === g.target) {
      ctx.addIssue({ code: "custom", path: ["target"], message: "Target must differ from the baseline" });
    }
  });
export type PlanGoalInput = z.infer<typeof planGoalSchema>;

const versionField = z
  .number({ error: "version must be a number" })
  .int("version must be a whole number")
  .min(0, "version must be 0 or more")
  .max(INT4_MAX, "version is too large");

export const planUpdateSchema = z.object({
  referralId: idField("referralId"),
  /** The version this edit is based on (0 when creating the first version). */
  version: versionField,
  goals: z
    .array(planGoalSchema, { error: "Goals must be a list" })
    .min(1, "Add at least one goal")
    .max(10, "At most 10 goals"),
  frequency: requiredText("Frequency", 200),
  techniques: textList("Techniques", 20, 80),
  precautions: freeText("Precautions", 4000),
  homeCare: freeText("Home care", 4000),
});
export type PlanUpdateInput = z.infer<typeof planUpdateSchema>;

export const planApproveSchema = z.object({ referralId: idField("referralId"), version: versionField });
export const planAcknowledgeSchema = z.object({ referralId: idField("referralId"), version: versionField });
export type PlanApproveInput = z.infer<typeof planApproveSchema>;
export type PlanAcknowledgeInput = z.infer<typeof planAcknowledgeSchema>;

export type PlanVersions = {
  /** 0 = no plan written yet. */
  currentVersion: number;
  physicianApprovedVersion: number | null;
  therapistApprovedVersion: number | null;
  patientAcknowledgedVersion: number | null;
};

export function planInEffect(v: PlanVersions): boolean {
  return (
    v.currentVersion >= 1 &&
    v.physicianApprovedVersion === v.currentVersion &&
    v.therapistApprovedVersion === v.currentVersion &&
    v.patientAcknowledgedVersion === v.currentVersion
  );
}

export type PlanParty = "physician" | "therapist" | "patient";
export type PlanApprovalState = {
  inEffect: boolean;
  physicianApproved: boolean;
  therapistApproved: boolean;
  patientAcknowledged: boolean;
  /** Parties who still have to approve (clinicians) or acknowledge (patient) the current version. */
  waitingFor: PlanParty[];
};

export function planApprovalState(v: PlanVersions): PlanApprovalState {
  const has = v.currentVersion >= 1;
  const physicianApproved = has && v.physicianApprovedVersion === v.currentVersion;
  const therapistApproved = has && v.therapistApprovedVersion === v.currentVersion;
  const patientAcknowledged = has && v.patientAcknowledgedVersion === v.currentVersion;
  const waitingFor: PlanParty[] = [];
  if (!physicianApproved) waitingFor.push("physician");
  if (!therapistApproved) waitingFor.push("therapist");
  if (!patientAcknowledged) waitingFor.push("patient");
  return { inEffect: planInEffect(v), physicianApproved, therapistApproved, patientAcknowledged, waitingFor };
}

/** Refuse an edit, approval or acknowledgement based on a version that is no longer current (CONFLICT). */
export function assertPlanVersion(version: number, currentVersion: number): void {
  if (version !== currentVersion) {
    throw conflict(
      "plan.stale_version",
      `The plan of care was changed since you opened it (now version ${currentVersion}). Reload to see the changes.`,
    );
  }
}

/** Plan content compared by `diffPlans` (a stored version or a `PlanUpdateInput`). */
export type PlanContent = {
  goals: readonly {
    id?: string | null;
    measure: GoalMeasure;
    customName?: string | null;
    customUnit?: string | null;
    baseline: number;
    target: number;
    byDate: string;
  }[];
  frequency: string;
  techniques: readonly string[];
  precautions: string;
  homeCare: string;
};
type Goal = PlanContent["goals"][number];

export const goalName = (g: { measure: GoalMeasure; customName?: string | null }): string =>
  g.measure === "custom" ? g.customName || GOAL_MEASURE_LABELS.custom : GOAL_MEASURE_LABELS[g.measure];

const goalKey = (g: Goal) =>
  g.measure === "custom" ? `custom:${(g.customName ?? "").toLowerCase()}` : g.measure;
const quoteShort = (s: string) => (s.length <= 80 ? `'${s}'` : `'${s.slice(0, 77)}...'`);

/**
 * Human-readable change lines between two plan versions, for the timeline ("Goal 'Pain' target 6 → 3").
 * Goals are matched by id when both have one, otherwise by measure (and custom name).
 */
export function diffPlans(prev: PlanContent, next: PlanContent): string[] {
  const lines: string[] = [];
  if (prev.frequency !== next.frequency) {
    lines.push(`Frequency: ${quoteShort(prev.frequency)} → ${quoteShort(next.frequency)}`);
  }

  const unmatched = [...prev.goals];
  const take = (pred: (g: Goal) => boolean): Goal | undefined => {
    const i = unmatched.findIndex(pred);
    return i < 0 ? undefined : unmatched.splice(i, 1)[0];
  };
  const removedLines: string[] = [];
  const addedLines: string[] = [];
  for (const g of next.goals) {
    const byId = g.id ? take((p) => p.id === g.id) : undefined;
    // Without a shared id, a goal on the same measure is the same goal edited.
    const before = byId ?? take((p) => (!p.id || !g.id) && goalKey(p) === goalKey(g));
    if (!before) {
      addedLines.push(`Added goal '${goalName(g)}': ${g.baseline} → ${g.target} by ${g.byDate}`);
      continue;
    }
    const name = goalName(before);
    if (goalKey(before) !== goalKey(g)) lines.push(`Goal '${name}' now measures '${goalName(g)}'`);
    if (before.baseline !== g.baseline)
      lines.push(`Goal '${name}' baseline ${before.baseline} → ${g.baseline}`);
    if (before.target !== g.target) lines.push(`Goal '${name}' target ${before.target} → ${g.target}`);
    if (before.byDate !== g.byDate) lines.push(`Goal '${name}' by-date ${before.byDate} → ${g.byDate}`);
    if ((before.customUnit ?? "") !== (g.customUnit ?? ""))
      lines.push(`Goal '${name}' unit '${before.customUnit ?? ""}' → '${g.customUnit ?? ""}'`);
  }
  for (const g of unmatched) removedLines.push(`Removed goal '${goalName(g)}'`);
  lines.push(...addedLines, ...removedLines);

  const prevT = new Set(prev.techniques);
  const nextT = new Set(next.techniques);
  for (const t of next.techniques) if (!prevT.has(t)) lines.push(`Added technique '${t}'`);
  for (const t of prev.techniques) if (!nextT.has(t)) lines.push(`Removed technique '${t}'`);

  if (prev.precautions !== next.precautions) {
    lines.push(`Precautions: ${quoteShort(prev.precautions)} → ${quoteShort(next.precautions)}`);
  }
  if (prev.homeCare !== next.homeCare) {
    lines.push(`Home care: ${quoteShort(prev.homeCare)} → ${quoteShort(next.homeCare)}`);
  }
  return lines;
}

/** `{referralId}`: the input of every per-referral read of plan, sessions and progress. */
export const planGetSchema = z.object({ referralId: idField("referralId") });
