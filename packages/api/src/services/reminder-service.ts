import type { Db } from "@mm/db";
import {
  activeReferralReminders,
  type DueReminder,
  dayIn,
  PLAN_APPROVAL_REMINDER_MS,
  planApprovalReminders,
  planApprovalState,
} from "@mm/domain";
import { enqueueNotificationEmails, jobQueue } from "../notifications/outbox";
import { activeReferralFacts, insertReminders, pendingPlanFacts } from "../queries/reminders";

export type ReminderRun = { sent: number; alreadySent: number };

/**
 * The scheduled reminders (progress report due, prescription expiring in 7 days, renewal due, plan waiting 2 days
 * for approval): packages/domain decides what is due at `now`; each is written as a notification once per
 * occurrence, its email queued in the same transaction. Safe to run again, and on every instance at once.
 */
export async function sendDueReminders(db: Db, now: Date): Promise<ReminderRun> {
  const due: (DueReminder & { referralId: string })[] = [];
  for (const r of await activeReferralFacts(db)) {
    const reminders = activeReferralReminders(
      {
        referralId: r.referralId,
        patientId: r.patientId,
        physicianId: r.physicianId,
        prescription: { id: r.rxId, expiresOn: r.expiresOn, authorized: r.authorized, used: r.used },
        timeZone: r.timeZone,
        lastPatientReport:
          r.lastReportId && r.lastReportAt
            ? { id: r.lastReportId, on: dayIn(new Date(r.lastReportAt), r.timeZone) }
            : null,
        sessionsSincePatientReport: r.sessionsSinceReport,
      },
      now,
    );
    due.push(...reminders.map((x) => ({ ...x, referralId: r.referralId })));
  }
  for (const p of await pendingPlanFacts(db, new Date(now.getTime() - PLAN_APPROVAL_REMINDER_MS))) {
    const approvals = planApprovalState({
      currentVersion: p.version,
      physicianApprovedVersion: p.physicianApproved ? p.version : null,
      therapistApprovedVersion: p.therapistApproved ? p.version : null,
      patientAcknowledgedVersion: null,
    });
    const reminders = planApprovalReminders({ ...p, savedAt: new Date(p.savedAt), approvals }, now);
    due.push(...reminders.map((x) => ({ ...x, referralId: p.referralId })));
  }
  const sent = await db.transaction(async (tx) => {
    const ids = await insertReminders(tx, due);
    const boss = jobQueue();
    if (boss) await enqueueNotificationEmails(boss, tx, ids);
    return ids.length;
  });
  return { sent, alreadySent: due.length - sent };
}
