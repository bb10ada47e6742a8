import { z } from "zod";
import { expectedVersionField, idField, requiredText, textField } from "./fields";
import { type Json, sha256Hex, stableStringify } from "./prescription";

/**
 * Letter of medical necessity: the physician's narrative plus the goal table as measured at signing. Each signature
 * is a new immutable version with a SHA-256 of its canonical content (like the prescription). The pre-filled
 * narrative follows the measured progress, so it never claims therapy is still necessary once every goal is met.
 */

export const letterDraftSchema = z.object({ referralId: idField("referralId") });
export type LetterDraftInput = z.infer<typeof letterDraftSchema>;

export const letterSignSchema = z.object({
  referralId: idField("referralId"),
  narrative: requiredText("Narrative", 8000).refine((s) => s.length >= 20, {
    message: "Narrative must be at least 20 characters",
  }),
  attestation: z.literal(true, { error: "You must attest that the letter is accurate" }),
  signature: textField("Signature", "Type your full name to sign")
    .trim()
    .min(2, "Type your full name to sign")
    .max(120, "Signature must be at most 120 characters"),
  expectedVersion: expectedVersionField(),
});
export type LetterSignInput = z.infer<typeof letterSignSchema>;

export const LETTER_GOAL_STATUSES = ["achieved", "in_progress", "not_met_by_date", "not_measured"] as const;
export type LetterGoalStatus = (typeof LETTER_GOAL_STATUSES)[number];
export const LETTER_GOAL_STATUS_LABELS: Record<LetterGoalStatus, string> = {
  achieved: "Achieved",
  in_progress: "In progress",
  not_met_by_date: "Not met by target date",
  not_measured: "Not yet measured",
};

/** A goal's status on `today`: achieved wins; otherwise late, unmeasured or in progress. */
export function letterGoalStatus(
  g: { achieved: boolean; latest: number | null; byDate: string },
  today: string,
) {
  if (g.achieved) return "achieved" as const;
  if (g.latest === null) return "not_measured" as const;
  return g.byDate < today ? ("not_met_by_date" as const) : ("in_progress" as const);
}

export type LetterGoalRow = {
  name: string;
  unit: string;
  baseline: number;
  target: number;
  latest: number | null;
  byDate: string;
  status: LetterGoalStatus;
};

export type LetterFacts = {
  patientName: string;
  kind: "acute" | "chronic";
  diagnoses: { code: string; label: string }[];
  sessionsAttended: number;
  sessionsAuthorized: number;
  goals: LetterGoalRow[];
};

// "6/10", "7 hours", "1 dose/day": a fraction ("/10") sticks to its number; one of a plural unit is singular.
const value = (n: number | null, unit: string) => {
  if (n === null) return "not measured";
  if (unit.startsWith("/")) return `${n}${unit}`;
  return `${n} ${n === 1 ? unit.replace(/^([a-z]+)s\b/, "$1") : unit}`.trim();
};
// Mid-sentence, "chronic Low back pain" reads "chronic low back pain"; an acronym ("TMJ ...") keeps its capitals.
const midSentence = (label: string) =>
  /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
const goalLine = (g: LetterGoalRow) =>
  `${g.name}: from ${value(g.baseline, g.unit)} towards ${value(g.target, g.unit)} by ${g.byDate}, latest ${value(g.latest, g.unit)}`;

/** True when the goals show the therapy has done its job: at least one goal and every goal achieved. */
export const allGoalsAchieved = (goals: readonly { status: LetterGoalStatus }[]) =>
  goals.length > 0 && goals.every((g) => g.status === "achieved");

/** The pre-filled narrative: what the record says, and a conclusion that follows from the goal statuses. */
export function draftLetterNarrative(f: LetterFacts): string {
  const dx = f.diagnoses.map((d) => `${midSentence(d.label)} (${d.code})`).join("; ");
  const intro = `${f.patientName} is under my care for ${f.kind} ${dx || "musculoskeletal pain"}. I prescribed medical massage therapy, of which ${f.sessionsAttended} of ${f.sessionsAuthorized} authorized sessions have been attended.`;
  const achieved = f.goals.filter((g) => g.status === "achieved");
  const open = f.goals.filter((g) => g.status !== "achieved");
  if (f.goals.length === 0) {
    return `${intro} No measurable goals have been recorded yet; massage therapy is medically necessary to treat the condition above, and goals will be set in the plan of care.`;
  }
  if (allGoalsAchieved(f.goals)) {
    return `${intro} All ${f.goals.length} treatment goals have been achieved (${achieved.map((g) => g.name).join(", ")}). Continued massage therapy is no longer medically necessary for these goals; this letter documents the medical necessity of the treatment provided.`;
  }
  const done = achieved.length
    ? ` ${achieved.length} of ${f.goals.length} goals have been achieved (${achieved.map((g) => g.name).join(", ")}).`
    : "";
  return `${intro}${done} Massage therapy remains medically necessary to reach the remaining goals: ${open.map(goalLine).join("; ")}.`;
}

/** Exactly what is signed and hashed. */
export type LetterContent = {
  referralId: string;
  patientId: string;
  physicianId: string;
  physicianName: string;
  physicianNpi: string;
  version: number;
  previousLetterId: string | null;
  diagnosisCodes: readonly string[];
  narrative: string;
  goals: readonly LetterGoalRow[];
  signature: string;
  /** ISO 8601 instant. */
  signedAt: string;
};

/** Canonical JSON: only `LetterContent`'s fields (extra row properties ignored), keys sorted, codes sorted. */
export function canonicalLetter(c: LetterContent): string {
  const content: { [key: string]: Json } = {
    referralId: c.referralId,
    patientId: c.patientId,
    physicianId: c.physicianId,
    physicianName: c.physicianName,
    physicianNpi: c.physicianNpi,
    version: c.version,
    previousLetterId: c.previousLetterId,
    diagnosisCodes: [...c.diagnosisCodes].sort(),
    narrative: c.narrative,
    // Goal order is the plan's order and part of what was signed.
    goals: c.goals.map((g) => ({
      name: g.name,
      unit: g.unit,
      baseline: g.baseline,
      target: g.target,
      latest: g.latest,
      byDate: g.byDate,
      status: g.status,
    })),
    signature: c.signature,
    signedAt: c.signedAt,
  };
  return stableStringify(content);
}

export const hashLetter = (c: LetterContent): Promise<string> => sha256Hex(canonicalLetter(c));
