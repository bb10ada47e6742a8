import { z } from "zod";
import { type Clock, notFutureIssue, withClockRule } from "./clock-rules";
import { requiredText, textField } from "./fields";
import { isoDateSchema } from "./profile";

/**
 * The patient's insurance, as they recorded it after calling the insurer (real-time payer eligibility is out of
 * scope). `null` in a yes/no or amount field means "the insurer didn't say / I don't know".
 */
const nullableOptionalText = (label: string, max: number) =>
  textField(label).trim().max(max, `${label} must be at most ${max} characters`).nullish();

const unknownOr = <T extends z.ZodType>(schema: T) => schema.nullable();

export const coverageUpsertSchema = z.object({
  payerName: requiredText("Insurer name", 120),
  planName: nullableOptionalText("Plan name", 120),
  memberId: requiredText("Member ID", 60),
  groupNumber: nullableOptionalText("Group number", 60),
  massageCovered: unknownOr(z.boolean({ error: "Say whether massage is covered: yes, no or unknown" })),
  amountPerSessionCents: unknownOr(
    z
      .number({ error: "Amount per session must be a number" })
      .int("Amount per session must be in whole cents")
      .min(0, "Amount per session cannot be negative")
      .max(1_000_000, "Amount per session must be at most $10,000"),
  ),
  visitsPerYear: unknownOr(
    z
      .number({ error: "Visits per year must be a number" })
      .int("Visits per year must be a whole number")
      .min(0, "Visits per year must be between 0 and 365")
      .max(365, "Visits per year must be between 0 and 365"),
  ),
  priorAuthRequired: unknownOr(
    z.boolean({ error: "Say whether prior authorization is required: yes, no or unknown" }),
  ),
  requiresLicense: z.boolean({ error: "Say whether the insurer requires a licensed therapist" }),
  requiresNpi: z.boolean({ error: "Say whether the insurer requires a therapist with an NPI" }),
  requiresInNetwork: z.boolean({ error: "Say whether the insurer requires an in-network therapist" }),
  callDate: unknownOr(isoDateSchema),
  callReference: nullableOptionalText("Call reference", 60),
  notes: nullableOptionalText("Notes", 4000),
});
export type CoverageUpsertInput = z.infer<typeof coverageUpsertSchema>;

/** The insurer was called in the past. */
export const coverageClockRule = (input: Pick<CoverageUpsertInput, "callDate">, clock: Clock) =>
  notFutureIssue("callDate", "Call date", input.callDate, clock);
export const makeCoverageUpsertSchema = withClockRule(coverageUpsertSchema, coverageClockRule);

/** Visits left this year, or null when the limit is unknown. Never negative. */
export function visitsRemaining(visitsPerYear: number | null, used: number): number | null {
  if (visitsPerYear === null) return null;
  return Math.max(0, visitsPerYear - used);
}

export type VisitLimitWarning = "none" | "near" | "reached";
/** Warn when 2 or fewer visits are left ("near") and when none are ("reached"). */
export const VISIT_LIMIT_NEAR_AT = 2;

export function visitLimitWarning(visitsPerYear: number | null, used: number): VisitLimitWarning {
  const left = visitsRemaining(visitsPerYear, used);
  if (left === null) return "none";
  if (left === 0) return "reached";
  if (left <= VISIT_LIMIT_NEAR_AT) return "near";
  return "none";
}

export const VISIT_LIMIT_WARNING_LABELS: Record<Exclude<VisitLimitWarning, "none">, string> = {
  near: "Only a few visits are left under your insurance this year.",
  reached: "You have used all the visits your insurance allows this year.",
};

/**
 * An insurance member id as a therapist sees it before accepting an invitation (minimum necessary): the last four
 * characters, the rest masked ("•••••6789"). Ids of four characters or fewer are masked whole.
 */
export function maskMemberId(memberId: string): string {
  const shown = memberId.length > 4 ? memberId.slice(-4) : "";
  return `${"•".repeat(memberId.length - shown.length)}${shown}`;
}

type CoverageNotes = { memberId: string; callReference: string | null; notes: string | null };

/**
 * The coverage as one reader may see it. A therapist who has only been invited reads what deciding needs (the
 * payer, whether massage is covered, the limits): the member id masked and none of the insurer's call notes.
 * Once they accept, they need it whole (the superbill carries the member id).
 */
export function coverageForReader<C extends CoverageNotes>(c: C, reader: { invitedOnly: boolean }): C {
  if (!reader.invitedOnly) return c;
  return { ...c, memberId: maskMemberId(c.memberId), callReference: null, notes: null };
}

/** Whether a member id is the masked form an invited therapist reads (see maskMemberId). */
export const isMaskedMemberId = (memberId: string): boolean => memberId.startsWith("•");
