import { z } from "zod";
import { type Clock, withClockRule } from "./clock-rules";
import { bodyRegionSchema, cptCodeSchema } from "./codes";
import { forbidden, ruleViolation } from "./errors";
import {
  expectedVersionField,
  freeText,
  idField,
  intInRange,
  isoDateTimeField,
  requiredText,
  textList,
  uniqueList,
} from "./fields";

/** A therapist's record of one treatment session (SOAP note) and the rules that allow logging it. */

export const PRESSURE_LEVELS = ["light", "medium", "firm", "deep"] as const;
export type PressureLevel = (typeof PRESSURE_LEVELS)[number];
export const PRESSURE_LABELS: Record<PressureLevel, string> = {
  light: "Light",
  medium: "Medium",
  firm: "Firm",
  deep: "Deep",
};

/** Sessions dated more than this far ahead of the server clock are refused (clock skew allowance). */
const FUTURE_SKEW_MS = 10 * 60 * 1000;

/** One timed service of a visit and its minutes. */
export const sessionServiceSchema = z.object({
  cptCode: z.enum(["97124", "97140"], { error: "Choose a CPT code: 97124 or 97140" }),
  minutes: intInRange("Service minutes", 1, 240),
});
export type SessionServiceInput = z.infer<typeof sessionServiceSchema>;

export const sessionLogSchema = z
  .object({
    referralId: idField("referralId"),
    occurredAt: isoDateTimeField("Session time must be a date and time, e.g. 2026-01-31T14:00:00-05:00"),
    minutes: intInRange("Minutes", 1, 240),
    techniques: textList("Techniques", 20, 80).min(1, "Add at least one technique"),
    bodyRegions: uniqueList(bodyRegionSchema, "Body regions", 1, 8),
    pressure: z.enum(PRESSURE_LEVELS, { error: "Choose light, medium, firm or deep pressure" }),
    subjective: requiredText("Subjective", 4000),
    objective: freeText("Objective", 4000),
    assessment: freeText("Assessment", 4000),
    plan: freeText("Plan", 4000),
    painBefore: intInRange("Pain before", 0, 10),
    painAfter: intInRange("Pain after", 0, 10),
    /** A visit with a single service (the original input): the whole session's minutes bill under this code. */
    cptCode: cptCodeSchema.optional(),
    /** Several services in one visit (97124 and 97140), each with its own minutes; replaces `cptCode`. */
    services: z
      .array(sessionServiceSchema, { error: "Services must be a list" })
      .min(1, "Add at least one service")
      .max(2, "At most one entry per CPT code")
      .refine(
        (xs) => new Set(xs.map((s) => s.cptCode)).size === xs.length,
        "Each CPT code may be listed only once",
      )
      .optional(),
    /** The confirmed appointment this session took place in: it becomes completed in the same write. */
    appointmentId: idField("appointmentId").optional(),
    expectedVersion: expectedVersionField(),
  })
  .superRefine((s, ctx) => {
    if (!s.services && s.cptCode === undefined) {
      ctx.addIssue({ code: "custom", path: ["cptCode"], message: "Choose a CPT code" });
    }
    if (s.services && typeof s.minutes === "number") {
      const total = s.services.reduce((n, x) => n + (typeof x.minutes === "number" ? x.minutes : 0), 0);
      if (total > s.minutes)
        ctx.addIssue({
          code: "custom",
          path: ["services"],
          message: `The services' minutes (${total}) add up to more than the session's ${s.minutes} minutes`,
        });
    }
  });
export type SessionLogInput = z.infer<typeof sessionLogSchema>;

/** The visit's services: the listed ones, or the single code over the whole session's minutes. */
export function sessionServices(
  input: Pick<SessionLogInput, "cptCode" | "services" | "minutes">,
): SessionServiceInput[] {
  if (input.services) return input.services;
  return input.cptCode ? [{ cptCode: input.cptCode, minutes: input.minutes }] : [];
}

/** A session is logged after it happened (a few minutes of clock skew allowed). */
export const sessionLogClockRule = (input: { occurredAt: string }, clock: Clock) => {
  const at = Date.parse(input.occurredAt);
  return Number.isFinite(at) && at > clock.now.getTime() + FUTURE_SKEW_MS
    ? [{ path: "occurredAt", message: "Session time cannot be in the future" }]
    : [];
};
export const makeSessionLogSchema = withClockRule(sessionLogSchema, sessionLogClockRule);

export type SessionLimitInput = {
  /** The session's instant and the prescription's signature instant. */
  occurredAt: Date;
  signedAt: Date;
  /** The session's calendar day in the PATIENT's zone, `YYYY-MM-DD`. */
  sessionDate: string;
  /** Prescription validity, `YYYY-MM-DD`, both days included. */
  validFrom: string;
  expiresOn: string;
  /** Sessions already logged against this prescription. */
  used: number;
  /** Total sessions the prescription authorizes. */
  authorized: number;
  planInEffect: boolean;
};

/** Throws the first rule that refuses logging this session (PRECONDITION_FAILED); returns when it may be logged. */
export function sessionLimitCheck(input: SessionLimitInput): void {
  if (!input.planInEffect) {
    throw ruleViolation(
      "session.plan_not_in_effect",
      "Sessions can be logged only once the plan of care is approved by the physician and therapist and acknowledged by the patient",
    );
  }
  if (input.sessionDate < input.validFrom) {
    throw ruleViolation(
      "session.before_prescription_valid_from",
      `The prescription is valid from ${input.validFrom}; this session is dated ${input.sessionDate}`,
    );
  }
  if (input.sessionDate > input.expiresOn) {
    throw ruleViolation(
      "session.after_prescription_expiry",
      `The prescription expired on ${input.expiresOn}; this session is dated ${input.sessionDate}`,
    );
  }
  if (input.occurredAt.getTime() < input.signedAt.getTime()) {
    throw ruleViolation(
      "session.before_prescription_signed",
      "This session is dated before the prescription was signed; only sessions after the signature count under it",
    );
  }
  if (input.used >= input.authorized) {
    throw ruleViolation(
      "session.authorized_sessions_exhausted",
      `All ${input.authorized} authorized sessions have been used; the physician must renew the prescription`,
    );
  }
}

/**
 * An addendum to a logged session: what it adds or corrects, and why. The session's own note is never rewritten;
 * the addendum is kept beside it with its author and time.
 */
export const sessionAmendSchema = z.object({
  referralId: idField("referralId"),
  sessionId: idField("sessionId"),
  note: requiredText("Addendum", 4000),
  reason: requiredText("Reason", 500),
  expectedVersion: expectedVersionField(),
});
export type SessionAmendInput = z.infer<typeof sessionAmendSchema>;

/** Only the therapist who logged a session may add to its record (FORBIDDEN for anyone else on the referral). */
export function sessionAmendCheck(input: { loggedBy: string; by: string }): void {
  if (input.loggedBy !== input.by)
    throw forbidden(
      "session.amend_not_author",
      "Only the therapist who logged this session can add an addendum to it.",
    );
}

/** How a scheduled visit went. Only `attended` visits are sessions: the others count toward nothing. */
export const VISIT_OUTCOMES = ["attended", "cancelled", "no_show"] as const;
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];
export const MISSED_VISIT_OUTCOMES = ["cancelled", "no_show"] as const satisfies readonly VisitOutcome[];
export type MissedVisitOutcome = (typeof MISSED_VISIT_OUTCOMES)[number];
export const VISIT_OUTCOME_LABELS: Record<VisitOutcome, string> = {
  attended: "Attended",
  cancelled: "Cancelled",
  no_show: "Did not come (no-show)",
};

/** A visit that did not happen: when it was scheduled, cancelled or a no-show, and why. */
export const missedVisitSchema = z.object({
  referralId: idField("referralId"),
  scheduledAt: isoDateTimeField("Visit time must be a date and time, e.g. 2026-01-31T14:00:00-05:00"),
  outcome: z.enum(MISSED_VISIT_OUTCOMES, { error: "Choose cancelled or no-show" }),
  reason: requiredText("Reason", 500),
  expectedVersion: expectedVersionField(),
});
export type MissedVisitInput = z.infer<typeof missedVisitSchema>;

/** A no-show is recorded after the visit's time (a cancellation may be recorded ahead of it). */
export const missedVisitClockRule = (input: { scheduledAt: string; outcome: string }, clock: Clock) => {
  const at = Date.parse(input.scheduledAt);
  return input.outcome === "no_show" && Number.isFinite(at) && at > clock.now.getTime() + FUTURE_SKEW_MS
    ? [{ path: "scheduledAt", message: "A no-show can be recorded only after the visit's time" }]
    : [];
};
export const makeMissedVisitSchema = withClockRule(missedVisitSchema, missedVisitClockRule);

/** "1 cancelled, 2 no-shows", or "None": the visits that did not take place, as a justification states them. */
export function missedVisitsText(counts: { cancelled: number; noShow: number }): string {
  const parts = [
    counts.cancelled > 0 ? `${counts.cancelled} cancelled` : null,
    counts.noShow > 0 ? `${counts.noShow} ${counts.noShow === 1 ? "no-show" : "no-shows"}` : null,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(", ") : "None";
}
