import { daysBetween, todayIso } from "./dates";
import type { NotificationKind } from "./notifications";
import type { PlanApprovalState } from "./plan";
import { PRESCRIPTION_EXPIRES_SOON_DAYS, prescriptionExpired, reminders } from "./progress";

/**
 * What the scheduled reminder job sends, decided here from a snapshot and a "now" passed in. Each reminder names
 * its occurrence (one prescription's expiry, one plan version's approval…): a person is reminded of an occurrence
 * once, however often the job runs and on however many instances.
 */
export type ReminderKind = Extract<
  NotificationKind,
  "progress_report_due" | "prescription_expiring" | "renewal_due" | "plan_approval_overdue"
>;

export type DueReminder = {
  userId: string;
  kind: ReminderKind;
  /** Unique per user: the same occurrence is never sent twice. */
  occurrence: string;
};

/** Renewal is due once this few authorized sessions are left (the therapist's "two sessions left" warning). */
export const RENEWAL_DUE_SESSIONS_LEFT = 2;
/** A plan version unapproved this long reminds the clinicians who still have to approve it. */
export const PLAN_APPROVAL_REMINDER_MS = 2 * 24 * 60 * 60 * 1000;

/** Within the last 7 days of validity in the patient's zone, and not yet expired. */
export function prescriptionExpiringSoon(expiresOn: string, now: Date, timeZone: string): boolean {
  if (prescriptionExpired(expiresOn, now, timeZone)) return false;
  return daysBetween(todayIso(now, timeZone), expiresOn) <= PRESCRIPTION_EXPIRES_SOON_DAYS;
}

export type ActiveReferralSnapshot = {
  referralId: string;
  patientId: string;
  physicianId: string;
  prescription: { id: string; expiresOn: string; authorized: number; used: number };
  timeZone: string;
  /** The patient's own progress reports: the last one (null: none yet) and sessions logged after it. */
  lastPatientReport: { id: string; on: string } | null;
  sessionsSincePatientReport: number;
};

/** Reminders one active referral is due at `now`. */
export function activeReferralReminders(r: ActiveReferralSnapshot, now: Date): DueReminder[] {
  const out: DueReminder[] = [];
  const rx = r.prescription;
  if (prescriptionExpiringSoon(rx.expiresOn, now, r.timeZone)) {
    // A renewal brings a new last day, hence a new occurrence.
    const occurrence = `prescription_expiring:${r.referralId}:${rx.expiresOn}`;
    out.push({ userId: r.physicianId, kind: "prescription_expiring", occurrence });
    out.push({ userId: r.patientId, kind: "prescription_expiring", occurrence });
  }
  if (
    rx.authorized - rx.used <= RENEWAL_DUE_SESSIONS_LEFT &&
    !prescriptionExpired(rx.expiresOn, now, r.timeZone)
  ) {
    out.push({ userId: r.physicianId, kind: "renewal_due", occurrence: `renewal_due:${rx.id}` });
  }
  const due = reminders({
    sessionsSinceLastReport: r.sessionsSincePatientReport,
    daysSinceLastReport: r.lastPatientReport
      ? daysBetween(r.lastPatientReport.on, todayIso(now, r.timeZone))
      : null,
  });
  if (due === "progress_report_due") {
    // Once per report interval: the next report starts a new occurrence.
    const since = r.lastPatientReport?.id ?? "start";
    out.push({
      userId: r.patientId,
      kind: "progress_report_due",
      occurrence: `progress_report_due:${r.referralId}:${since}`,
    });
  }
  return out;
}

export type PendingPlanSnapshot = {
  referralId: string;
  physicianId: string;
  therapistId: string | null;
  /** The current version's row: when it was saved, and who still has to approve it. */
  versionId: string;
  savedAt: Date;
  approvals: PlanApprovalState;
};

/** The clinicians a plan version has waited on for 2 days (the patient acknowledges later, not approves). */
export function planApprovalReminders(p: PendingPlanSnapshot, now: Date): DueReminder[] {
  if (now.getTime() - p.savedAt.getTime() < PLAN_APPROVAL_REMINDER_MS) return [];
  const ids = { physician: p.physicianId, therapist: p.therapistId };
  const out: DueReminder[] = [];
  for (const party of ["physician", "therapist"] as const) {
    const userId = ids[party];
    if (!userId || !p.approvals.waitingFor.includes(party)) continue;
    out.push({ userId, kind: "plan_approval_overdue", occurrence: `plan_approval_overdue:${p.versionId}` });
  }
  return out;
}
