import { daysBetween, todayIso } from "./dates";
import { canAcknowledge, type PlanVersions, planApprovalState, planOpen } from "./plan";
import { PRESCRIPTION_EXPIRES_SOON_DAYS, plannedSessionsToDate } from "./progress";
import type { ReferralStatus } from "./referral-state";
import type { SignupRole } from "./roles";

/**
 * "Needs your action": what each person should do next on their open referrals, in the order their home page
 * lists it. Data for every role, so a role's list cannot miss a kind.
 */
export const ACTION_KINDS = {
  physician: ["review_request", "approve_plan", "read_report", "renewal_due"],
  therapist: ["answer_invitation", "approve_plan", "log_session"],
  patient: ["answer_question", "acknowledge_plan", "report_progress"],
} as const satisfies Record<SignupRole, readonly string[]>;
export type ActionKind = (typeof ACTION_KINDS)[SignupRole][number];

export const ACTION_LABELS: Record<ActionKind, string> = {
  review_request: "Requests to review",
  approve_plan: "Plans of care to approve",
  read_report: "Progress reports to read",
  renewal_due: "Prescriptions due for renewal",
  answer_invitation: "Invitations to answer",
  log_session: "Sessions to log",
  answer_question: "Questions from your physician",
  acknowledge_plan: "Plans of care to read and acknowledge",
  report_progress: "Tell your care team how you are doing",
};

/** A patient reports how they are doing at least this often while in treatment. */
export const PATIENT_REPORT_EVERY_DAYS = 7;
/** Renewal is due when this few authorized sessions are left (or the prescription expires within a week). */
export const RENEWAL_SESSIONS_LEFT = 2;

/** What the rules need to know about one of the caller's referrals (read in one statement by the API). */
export type ReferralActionFacts = {
  referralId: string;
  status: ReferralStatus;
  /** The patient's IANA zone: clinical days are days there. */
  timeZone: string;
  plan: PlanVersions;
  /** The caller (a therapist) is invited and has not answered yet. */
  invitationPending: boolean;
  /** The prescription in force and the sessions logged against it. */
  prescription: {
    validFrom: string;
    expiresOn: string;
    sessionsPerWeek: number;
    authorized: number;
    used: number;
  } | null;
  /** The therapist's newest progress report to the physician. */
  lastReportSharedAt: Date | null;
  /** The caller's last visit to the referral's page. */
  lastVisitAt: Date | null;
  /** The patient's newest own report, and whether any session was logged at all. */
  lastPatientReportAt: Date | null;
  sessionsLogged: number;
};

/** The action kinds one referral asks of a person in `role`, in `ACTION_KINDS` order. */
export function referralActions(role: SignupRole, f: ReferralActionFacts, now: Date): ActionKind[] {
  const plan = planApprovalState(f.plan);
  const planToSign = planOpen(f.status) && f.plan.currentVersion >= 1;
  const today = todayIso(now, f.timeZone);
  const rx = f.prescription;
  const rules: Record<ActionKind, () => boolean> = {
    review_request: () => f.status === "requested",
    approve_plan: () =>
      planToSign && (role === "physician" ? !plan.physicianApproved : !plan.therapistApproved),
    read_report: () =>
      f.lastReportSharedAt !== null &&
      (f.lastVisitAt === null || f.lastReportSharedAt.getTime() > f.lastVisitAt.getTime()),
    renewal_due: () =>
      f.status === "active" &&
      rx !== null &&
      (daysBetween(today, rx.expiresOn) <= PRESCRIPTION_EXPIRES_SOON_DAYS ||
        rx.authorized - rx.used <= RENEWAL_SESSIONS_LEFT),
    answer_invitation: () => f.status === "awaiting_therapist" && f.invitationPending,
    log_session: () =>
      f.status === "active" && rx !== null && plannedSessionsToDate({ ...rx, today }) > rx.used,
    answer_question: () => f.status === "needs_info",
    acknowledge_plan: () => planToSign && canAcknowledge(plan),
    report_progress: () =>
      f.status === "active" &&
      f.sessionsLogged > 0 &&
      (f.lastPatientReportAt === null ||
        daysBetween(todayIso(f.lastPatientReportAt, f.timeZone), today) >= PATIENT_REPORT_EVERY_DAYS),
  };
  return ACTION_KINDS[role].filter((kind) => rules[kind]());
}

export type ActionItem = { kind: ActionKind; referralId: string };

/** Every action the caller's referrals ask of them, grouped by kind in the role's order. */
export function actionsFor(
  role: SignupRole,
  referrals: readonly ReferralActionFacts[],
  now: Date,
): ActionItem[] {
  const byKind = new Map<ActionKind, ActionItem[]>(ACTION_KINDS[role].map((k) => [k, []]));
  for (const f of referrals)
    for (const kind of referralActions(role, f, now))
      byKind.get(kind)?.push({ kind, referralId: f.referralId });
  return [...byKind.values()].flat();
}
