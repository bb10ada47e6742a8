import { type DbOrTx, queryRows } from "@mm/db";
import type { ReferralActionFacts, ReferralStatus } from "@mm/domain";
import { sql } from "drizzle-orm";
import type { SessionUser } from "../context";
import { inForce } from "./prescription";
import { referralVisibleTo } from "./referral";

type Row = {
  referral_id: string;
  status: ReferralStatus;
  time_zone: string;
  patient_name: string;
  physician_name: string;
  current_version: number;
  physician_approved: number | null;
  therapist_approved: number | null;
  patient_acknowledged: number | null;
  invitation_pending: boolean;
  valid_from: string | null;
  expires_on: string | null;
  sessions_per_week: number | null;
  authorized: number | null;
  used: number;
  sessions_logged: number;
  last_shared_ms: number | null;
  last_visit_ms: number | null;
  last_patient_report_ms: number | null;
};

export type ActionFactsRow = ReferralActionFacts & { patientName: string; physicianName: string };

const OPEN = sql.raw(
  ["requested", "needs_info", "prescribed", "awaiting_therapist", "planning", "active"]
    .map((s) => `'${s}'`)
    .join(", "),
);
const approved = (role: string) =>
  sql.raw(
    `(select max(a.version) from plan_approval a where a.care_plan_id = cp.id and a.role = '${role}')::int`,
  );
const ms = (expr: string) => sql.raw(`(extract(epoch from (${expr})) * 1000)::float8`);

/**
 * What the "needs your action" rules need about each of the caller's open referrals, in ONE statement: plan
 * approvals, the prescription in force and its sessions, the newest shared report, the caller's last visit, the
 * patient's newest own report. Clinical dates come back as text (days), instants as epoch milliseconds.
 */
export async function actionFacts(db: DbOrTx, me: SessionUser): Promise<ActionFactsRow[]> {
  const rows = await queryRows<Row>(
    db,
    sql`select referral.id as referral_id, referral.status, pu.time_zone, pu.name as patient_name, du.name as physician_name,
      coalesce(cp.current_version, 0)::int as current_version,
      ${approved("physician")} as physician_approved,
      ${approved("therapist")} as therapist_approved,
      ${approved("patient")} as patient_acknowledged,
      exists (select 1 from therapist_invitation i where i.referral_id = referral.id and i.therapist_id = ${me.id}
        and i.status = 'invited') as invitation_pending,
      rx.valid_from::text as valid_from, rx.expires_on::text as expires_on, rx.sessions_per_week,
      rx.total_sessions as authorized,
      (select count(*) from therapy_session s where s.prescription_id = rx.id)::int as used,
      (select count(*) from therapy_session s where s.referral_id = referral.id)::int as sessions_logged,
      ${ms("select max(e.created_at) from timeline_event e where e.referral_id = referral.id and e.type = 'progress_shared'")} as last_shared_ms,
      ${sql`(extract(epoch from (select v.visited_at from referral_visit v where v.referral_id = referral.id and v.user_id = ${me.id})) * 1000)::float8`} as last_visit_ms,
      ${ms("select max(p.created_at) from progress_report p where p.referral_id = referral.id")} as last_patient_report_ms
    from referral
    join "user" pu on pu.id = referral.patient_id
    join "user" du on du.id = referral.physician_id
    left join care_plan cp on cp.referral_id = referral.id
    left join lateral (select prescription.* from prescription where ${inForce(sql`referral.id`)} limit 1) rx on true
    where ${referralVisibleTo(me)} and referral.status in (${OPEN})
    order by referral.created_at, referral.id`,
  );
  const at = (v: number | null) => (v === null ? null : new Date(Number(v)));
  return rows.map((r) => ({
    referralId: r.referral_id,
    status: r.status,
    timeZone: r.time_zone,
    patientName: r.patient_name,
    physicianName: r.physician_name,
    plan: {
      currentVersion: Number(r.current_version),
      physicianApprovedVersion: r.physician_approved,
      therapistApprovedVersion: r.therapist_approved,
      patientAcknowledgedVersion: r.patient_acknowledged,
    },
    invitationPending: r.invitation_pending,
    prescription:
      r.valid_from && r.expires_on && r.sessions_per_week !== null && r.authorized !== null
        ? {
            validFrom: r.valid_from,
            expiresOn: r.expires_on,
            sessionsPerWeek: r.sessions_per_week,
            authorized: r.authorized,
            used: Number(r.used),
          }
        : null,
    sessionsLogged: Number(r.sessions_logged),
    lastReportSharedAt: at(r.last_shared_ms),
    lastVisitAt: at(r.last_visit_ms),
    lastPatientReportAt: at(r.last_patient_report_ms),
  }));
}
