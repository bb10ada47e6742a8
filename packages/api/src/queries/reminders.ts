import {
  carePlan,
  carePlanVersion,
  type DbOrTx,
  notification,
  planApproval,
  prescription,
  progressReport,
  queryRows,
  referral,
  therapySession,
  user,
} from "@mm/db";
import { DEFAULT_TIME_ZONE, type DueReminder } from "@mm/domain";
import { sql } from "drizzle-orm";
import { inForce } from "./prescription";

export type ActiveReferralRow = {
  referralId: string;
  patientId: string;
  physicianId: string;
  rxId: string;
  expiresOn: string;
  authorized: number;
  used: number;
  timeZone: string;
  lastReportId: string | null;
  lastReportAt: string | null;
  sessionsSinceReport: number;
};

/**
 * What the reminders of every active referral are decided from: the prescription in force and its sessions used,
 * the patient's zone, the patient's last progress report and the sessions logged after it. Counts are cast to int
 * and instants to text so both drivers read them alike.
 */
export function activeReferralFacts(db: DbOrTx) {
  const s = therapySession;
  return queryRows<ActiveReferralRow>(
    db,
    sql`select ${referral.id} as "referralId", ${referral.patientId} as "patientId",
          ${referral.physicianId} as "physicianId", ${prescription.id} as "rxId",
          ${prescription.expiresOn}::text as "expiresOn", ${prescription.totalSessions} as "authorized",
          (select count(*)::int from ${s} where ${s.prescriptionId} = ${prescription.id}) as "used",
          coalesce(${user.timeZone}, ${DEFAULT_TIME_ZONE}) as "timeZone",
          last_report.id as "lastReportId", last_report.created_at::text as "lastReportAt",
          (select count(*)::int from ${s} where ${s.referralId} = ${referral.id}
             and (last_report.created_at is null or ${s.createdAt} > last_report.created_at)) as "sessionsSinceReport"
        from ${referral}
        join ${prescription} on ${inForce(referral.id)}
        join ${user} on ${user.id} = ${referral.patientId}
        left join lateral (
          select ${progressReport.id} as id, ${progressReport.createdAt} as created_at from ${progressReport}
           where ${progressReport.referralId} = ${referral.id} and ${progressReport.patientId} = ${referral.patientId}
           order by ${progressReport.createdAt} desc limit 1
        ) last_report on true
        where ${referral.status} = 'active'`,
  );
}

export type PendingPlanRow = {
  referralId: string;
  physicianId: string;
  therapistId: string | null;
  versionId: string;
  version: number;
  savedAt: string;
  physicianApproved: boolean;
  therapistApproved: boolean;
};

/** Plans of open referrals whose current version was saved before `savedBefore`, with who approved it. */
export function pendingPlanFacts(db: DbOrTx, savedBefore: Date) {
  const approved = (role: "physician" | "therapist") =>
    sql`exists (select 1 from ${planApproval} where ${planApproval.carePlanId} = ${carePlan.id}
          and ${planApproval.version} = ${carePlan.currentVersion} and ${planApproval.role} = ${role})`;
  return queryRows<PendingPlanRow>(
    db,
    sql`select ${referral.id} as "referralId", ${referral.physicianId} as "physicianId",
          ${referral.therapistId} as "therapistId", ${carePlanVersion.id} as "versionId",
          ${carePlan.currentVersion} as "version", ${carePlanVersion.createdAt}::text as "savedAt",
          ${approved("physician")} as "physicianApproved", ${approved("therapist")} as "therapistApproved"
        from ${carePlan}
        join ${referral} on ${referral.id} = ${carePlan.referralId}
        join ${carePlanVersion} on ${carePlanVersion.carePlanId} = ${carePlan.id}
          and ${carePlanVersion.version} = ${carePlan.currentVersion}
        where ${referral.status} in ('planning', 'active') and ${carePlan.currentVersion} >= 1
          and ${carePlanVersion.createdAt} <= ${savedBefore.toISOString()}::timestamptz`,
  );
}

/**
 * Writes the reminders not sent before: the (user, occurrence) unique index makes a second run, on this instance
 * or another at the same moment, insert nothing. Answers the ids actually inserted (whose emails to queue).
 */
export async function insertReminders(
  tx: DbOrTx,
  rows: readonly (DueReminder & { referralId: string })[],
): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await tx
    .insert(notification)
    .values(
      rows.map((r) => ({
        userId: r.userId,
        referralId: r.referralId,
        kind: r.kind,
        occurrence: r.occurrence,
      })),
    )
    .onConflictDoNothing({
      target: [notification.userId, notification.occurrence],
      where: sql`${notification.occurrence} is not null`,
    })
    .returning({ id: notification.id });
  return inserted.map((r) => r.id);
}
