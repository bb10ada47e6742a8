import {
  carePlan,
  coverage,
  type DbOrTx,
  missedVisit,
  planApproval,
  prescription,
  queryRows,
  sessionAddendum,
  therapySession,
  timelineEvent,
  user,
} from "@mm/db";
import type { PlanVersions } from "@mm/domain";
import { and, asc, eq, getTableColumns, sql } from "drizzle-orm";
import { inForce } from "./prescription";
import type { ReferralRow } from "./referral";
import { fromJson, jsonArray } from "./sql-parts";
import { type CalendarYear, visitsInYear } from "./visits";

/** The statement's row, typed from the columns it reads. */
type SessionLogFactsRow = Pick<
  typeof prescription.$inferSelect,
  "id" | "totalSessions" | "sessionsPerWeek" | "validFrom" | "expiresOn" | "cptCodes"
> & {
  /** Epoch milliseconds (numbers read alike by both drivers). */
  signedAtMs: number;
  loggedAtMs: number[];
  used: number;
  planVersion: (typeof carePlan.$inferSelect)["currentVersion"] | null;
  approvedBy: (typeof planApproval.$inferSelect)["role"][];
  visitsPerYear: (typeof coverage.$inferSelect)["visitsPerYear"] | null;
  visitsUsedThisYear: number;
  announced: (string | null)[];
};

const p = prescription;
const s = therapySession;
const plan = carePlan;
const e = timelineEvent;

/**
 * What logging a session is checked against, read in one statement (each round trip costs more than these index
 * lookups): the prescription in force with its sessions used, the plan's approvals of its current version, the
 * patient's yearly visit limit and visits so far in `year` (the patient's calendar year), and the warnings already
 * put on the timeline since the prescription was signed. Null when there is no prescription.
 */
export async function sessionLogFacts(db: DbOrTx, r: ReferralRow, year: CalendarYear) {
  // A raw statement (Drizzle leaves a single-table select's columns unqualified, which the subqueries need);
  // counts are cast to int and dates to text so that both drivers read them alike.
  const [row] = await queryRows<SessionLogFactsRow>(
    db,
    sql`
    select ${p.id} as "id", ${p.totalSessions} as "totalSessions", ${p.sessionsPerWeek} as "sessionsPerWeek",
           (extract(epoch from ${p.signedAt}) * 1000)::float8 as "signedAtMs",
           array(select (extract(epoch from ${s.occurredAt}) * 1000)::float8 from ${s}
                  where ${s.prescriptionId} = ${p.id}) as "loggedAtMs",
           ${p.validFrom}::text as "validFrom",
           ${p.expiresOn}::text as "expiresOn", ${p.cptCodes} as "cptCodes",
           (select count(*)::int from ${s} where ${s.prescriptionId} = ${p.id}) as "used",
           (select ${plan.currentVersion} from ${plan} where ${plan.referralId} = ${r.id}) as "planVersion",
           array(select ${planApproval.role} from ${planApproval}
                   join ${plan} on ${planApproval.carePlanId} = ${plan.id}
                               and ${planApproval.version} = ${plan.currentVersion}
                  where ${plan.referralId} = ${r.id}) as "approvedBy",
           (select ${coverage.visitsPerYear} from ${coverage} where ${coverage.patientId} = ${r.patientId})
             as "visitsPerYear",
           ${visitsInYear(r.patientId, year)} as "visitsUsedThisYear",
           array(select ${e.data}->>'warning' from ${e}
                  where ${e.referralId} = ${r.id} and ${e.type} = 'warning' and ${e.createdAt} >= ${p.createdAt})
             as "announced"
      from ${p} where ${inForce(r.id)} limit 1`,
  );
  if (!row) return null;
  const {
    planVersion,
    approvedBy,
    visitsPerYear,
    visitsUsedThisYear,
    announced,
    used,
    signedAtMs,
    loggedAtMs,
    ...rest
  } = row;
  const rx = { ...rest, signedAt: new Date(Number(signedAtMs)) };
  const loggedAt = loggedAtMs.map((ms) => new Date(Number(ms)));
  const currentVersion = planVersion ?? 0;
  const at = (role: (typeof approvedBy)[number]) => (approvedBy.includes(role) ? currentVersion : null);
  const versions: PlanVersions = {
    currentVersion,
    physicianApprovedVersion: at("physician"),
    therapistApprovedVersion: at("therapist"),
    patientAcknowledgedVersion: at("patient"),
  };
  return {
    rx,
    used,
    loggedAt,
    plan: versions,
    visitsPerYear,
    visitsUsedThisYear,
    announced: new Set(announced),
  };
}

const addendumColumns = {
  id: sessionAddendum.id,
  authorId: sessionAddendum.authorId,
  authorName: user.name,
  note: sessionAddendum.note,
  reason: sessionAddendum.reason,
  createdAt: sessionAddendum.createdAt,
};

/**
 * A referral's sessions, in the order they happened, each with its addenda (oldest first, with their author's
 * name), in one statement.
 */
export async function sessionsOfReferral(db: DbOrTx, referralId: string) {
  const rows = await db
    .select({
      ...getTableColumns(s),
      addenda: jsonArray(addendumColumns, {
        from: sql`from ${sessionAddendum} join ${user} on ${user.id} = ${sessionAddendum.authorId}
                 where ${sessionAddendum.sessionId} = ${s.id}`,
        orderBy: sql`${sessionAddendum.createdAt}, ${sessionAddendum.id}`,
      }),
    })
    .from(s)
    .where(eq(s.referralId, referralId))
    .orderBy(asc(s.occurredAt));
  return rows.map((r) => ({ ...r, addenda: r.addenda.map((a) => fromJson(addendumColumns, a)) }));
}

/** One session of a referral (who logged it and when), or undefined when the referral has no such session. */
export async function sessionOfReferral(db: DbOrTx, referralId: string, sessionId: string) {
  const [row] = await db
    .select({ id: s.id, therapistId: s.therapistId, occurredAt: s.occurredAt })
    .from(s)
    .where(and(eq(s.id, sessionId), eq(s.referralId, referralId)));
  return row;
}

/** A referral's visits that did not take place (cancelled, no-show), in the order they were scheduled. */
export async function missedVisitsOfReferral(db: DbOrTx, referralId: string) {
  return db
    .select({
      id: missedVisit.id,
      scheduledAt: missedVisit.scheduledAt,
      outcome: missedVisit.outcome,
      reason: missedVisit.reason,
      therapistId: missedVisit.therapistId,
      createdAt: missedVisit.createdAt,
    })
    .from(missedVisit)
    .where(eq(missedVisit.referralId, referralId))
    .orderBy(asc(missedVisit.scheduledAt), asc(missedVisit.id));
}
