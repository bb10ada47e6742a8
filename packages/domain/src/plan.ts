import { z } from "zod";
import type { FieldIssue } from "./clock-rules";
import { addDays } from "./dates";
import { conflict, ruleViolation } from "./errors";
import { freeText, INT4_MAX, idField, numberInRange, optionalText, requiredText, textList } from "./fields";
import { isoDateSchema } from "./profile";
import type { ReferralStatus } from "./referral-state";

/**
 * Plan of care: measurable goals co-authored by physician and therapist. Every edit is a new version and clears
 * approvals (the API's job); the plan is in effect only when physician and therapist approved the same, current
 * version and the patient acknowledged it.
 */
export const GOAL_MEASURES = ["pain", "evening_pain", "sleep_hours", "medication_doses", "custom"] as const;
export type GoalMeasure = (typeof GOAL_MEASURES)[number];

/** Which way a measure improves. */
export const GOAL_DIRECTIONS = ["lower_is_better", "higher_is_better"] as const;
export type GoalDirection = (typeof GOAL_DIRECTIONS)[number];
export const GOAL_DIRECTION_LABELS: Record<GoalDirection, string> = {
  lower_is_better: "Lower is better",
  higher_is_better: "Higher is better",
};

export type GoalMeasureInfo = {
  label: string;
  /** Unit shown after a value; custom goals bring their own. */
  unit: string;
  /** Allowed range of baseline/target; null for custom measures. */
  min: number | null;
  max: number | null;
  /** Whole numbers only (a 0-10 scale, a count of doses). */
  integer: boolean;
  /** Direction of improvement; null for custom (the goal states it). */
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
export const goalDirectionSchema = z.enum(GOAL_DIRECTIONS, {
  error: "Say whether lower or higher is better for this measure",
});

/**
 * The direction a goal improves in: fixed for the listed measures, stated by a custom goal. A custom goal saved
 * before directions were stated has none: its target relative to its baseline is all there is to go by.
 */
export function goalDirection(g: {
  measure: GoalMeasure;
  direction?: GoalDirection | null;
  baseline: number;
  target: number;
}): GoalDirection {
  const known = GOAL_MEASURE_INFO[g.measure].lowerIsBetter;
  if (known !== null) return known ? "lower_is_better" : "higher_is_better";
  if (g.direction) return g.direction;
  return g.target < g.baseline ? "lower_is_better" : "higher_is_better";
}

/** True when `value` is strictly better than `than` in `direction`. */
export const isBetter = (direction: GoalDirection, value: number, than: number): boolean =>
  direction === "lower_is_better" ? value < than : value > than;

/** Bound of any goal value, custom measures included. */
const GOAL_VALUE_MAX = 1_000_000;

export const planGoalSchema = z
  .object({
    id: idField("Goal id").optional(),
    measure: goalMeasureSchema,
    customName: optionalText("Custom measure name", 80),
    customUnit: optionalText("Custom unit", 30),
    /** Required for a custom measure; for a listed measure it may only repeat the measure's own direction. */
    direction: goalDirectionSchema.optional(),
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
    let inRange = true;
    for (const field of ["baseline", "target"] as const) {
      const v = g[field];
      if (typeof v !== "number" || !Number.isFinite(v)) continue;
      const name = field === "baseline" ? "Baseline" : "Target";
      if (info.min !== null && info.max !== null && (v < info.min || v > info.max)) {
        inRange = false;
        ctx.addIssue({
          code: "custom",
          path: [field],
          message: `${name} for ${info.label} must be between ${info.min} and ${info.max}`,
        });
      } else if (info.integer && !Number.isInteger(v)) {
        inRange = false;
        ctx.addIssue({
          code: "custom",
          path: [field],
          message: `${name} for ${info.label} must be a whole number`,
        });
      }
    }
    if (g.measure === "custom" && !g.direction) {
      ctx.addIssue({
        code: "custom",
        path: ["direction"],
        message: "Say whether lower or higher is better for this measure",
      });
      return;
    }
    if (info.lowerIsBetter !== null && g.direction && g.direction !== goalDirection(g)) {
      ctx.addIssue({
        code: "custom",
        path: ["direction"],
        message: `${info.label} improves ${info.lowerIsBetter ? "downwards" : "upwards"}`,
      });
      return;
    }
    // Direction is judged only between two valid values.
    if (!inRange || typeof g.baseline !== "number" || typeof g.target !== "number") return;
    if (g.baseline === g.target) {
      ctx.addIssue({ code: "custom", path: ["target"], message: "Target must differ from the baseline" });
      return;
    }
    const direction = goalDirection(g);
    if (!isBetter(direction, g.target, g.baseline)) {
      const name = g.measure === "custom" ? g.customName || "this measure" : info.label.toLowerCase();
      ctx.addIssue({
        code: "custom",
        path: ["target"],
        message:
          direction === "lower_is_better"
            ? `Target must be lower than the baseline (${g.baseline}): for ${name}, lower is better`
            : `Target must be higher than the baseline (${g.baseline}): for ${name}, higher is better`,
      });
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

/** The plan of care changes and is signed off only while the referral is in planning or active. */
export const PLAN_OPEN_STATUSES = ["planning", "active"] as const satisfies readonly ReferralStatus[];
export const planOpen = (status: ReferralStatus): boolean =>
  (PLAN_OPEN_STATUSES as readonly ReferralStatus[]).includes(status);

export function assertPlanOpen(status: ReferralStatus): void {
  if (!planOpen(status)) {
    throw ruleViolation(
      `plan.not_editable_in_${status}`,
      `The plan of care can only change while the referral is in planning or active (it is ${status}).`,
    );
  }
}

/**
 * The patient acknowledges what the care team agreed: only a version both the physician and the therapist approved
 * (PRECONDITION_FAILED). Clinicians approve in either order.
 */
export function assertSignOffAllowed(role: PlanParty, state: PlanApprovalState): void {
  if (role === "patient" && !(state.physicianApproved && state.therapistApproved)) {
    throw ruleViolation(
      "plan.acknowledge_before_clinician_approval",
      "You can acknowledge the plan of care once both your physician and your therapist have approved this version.",
    );
  }
}

/** Whether the patient's acknowledge button is offered: the same rule as `assertSignOffAllowed`. */
export const canAcknowledge = (state: PlanApprovalState): boolean =>
  state.physicianApproved && state.therapistApproved && !state.patientAcknowledged;

export type PlanBadge = "in_effect" | "not_in_effect_yet" | "no_longer_in_effect" | "ended";
export const PLAN_BADGE_LABELS: Record<PlanBadge, string> = {
  in_effect: "In effect",
  not_in_effect_yet: "Not in effect yet",
  no_longer_in_effect: "No longer in effect",
  ended: "Ended",
};

/**
 * The plan's badge, true after the referral ends: while planning or active it is in effect or not yet; once the
 * referral is completed, discontinued or expired a plan that was in effect is no longer; any other status (the
 * therapist withdrawn, the referral closed before care began) means the plan ended before it took effect.
 */
export function planBadge(status: ReferralStatus, inEffect: boolean): PlanBadge {
  if (planOpen(status)) return inEffect ? "in_effect" : "not_in_effect_yet";
  if (inEffect && (status === "completed" || status === "discontinued" || status === "expired"))
    return "no_longer_in_effect";
  return "ended";
}

/** Days a plan's goals are checked against, all in the patient's zone. */
export type GoalDateContext = {
  today: string;
  /** The prescription in force; null fields when there is none. */
  validFrom: string | null;
  expiresOn: string | null;
};

/**
 * A goal's by-date is in the future and inside the prescription's validity: a plan cannot outlive its prescription
 * (the physician renews it to plan further). Issues name `goals.<i>.byDate`.
 */
export function goalDateIssues(goals: readonly { byDate: string }[], ctx: GoalDateContext): FieldIssue[] {
  const issues: FieldIssue[] = [];
  goals.forEach((g, i) => {
    const path = `goals.${i}.byDate`;
    if (g.byDate <= ctx.today) issues.push({ path, message: "A goal's by-date must be in the future" });
    else if (ctx.validFrom && g.byDate < ctx.validFrom)
      issues.push({
        path,
        message: `A goal's by-date must be on or after the prescription's start (${ctx.validFrom})`,
      });
    else if (ctx.expiresOn && g.byDate > ctx.expiresOn)
      issues.push({
        path,
        message: `A goal's by-date must be on or before the prescription's expiry (${ctx.expiresOn}); the physician renews the prescription to plan further`,
      });
  });
  return issues;
}

/** The by-date a new goal starts with: 8 weeks ahead, but never past the prescription's expiry. */
export function defaultGoalByDate(ctx: GoalDateContext): string {
  const eightWeeks = addDays(ctx.today, 56);
  return ctx.expiresOn && ctx.expiresOn < eightWeeks ? ctx.expiresOn : eightWeeks;
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
    direction?: GoalDirection | null;
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
    if (g.measure === "custom" && before.measure === "custom" && goalDirection(before) !== goalDirection(g))
      lines.push(`Goal '${name}': ${GOAL_DIRECTION_LABELS[goalDirection(g)].toLowerCase()}`);
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
