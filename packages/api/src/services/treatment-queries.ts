import {
  carePlan,
  coverage,
  type Db,
  planApproval,
  prescription,
  queryRows,
  type Tx,
  therapySession,
  timelineEvent,
} from "@mm/db";
import type { PlanVersions } from "@mm/domain";
import { and, count, desc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { ReferralRow } from "../queries/referral";

/** The prescription in force: the latest signed (renewals supersede). */
export async function latestPrescription(db: Db | Tx, referralId: string) {
  const [rx] = await db
    .select()
    .from(prescription)
    .where(eq(prescription.referralId, referralId))
    .orderBy(desc(prescription.createdAt))
    .limit(1);
  return rx ?? null;
}

export async function sessionsUsed(db: Db | Tx, prescriptionId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(therapySession)
    .where(eq(therapySession.prescriptionId, prescriptionId));
  return row?.n ?? 0;
}

/** [start, end) of a calendar year in the patient's zone (domain `yearBounds`). */
export type YearBounds = { start: Date; end: Date };

/** Visits counted against the insurer's yearly limit: all of the patient's sessions in that calendar year. */
const isVisitInYear = (patientId: string, year: YearBounds) =>
  and(
    inArray(therapySession.referralId, sql`(select id from referral where patient_id = ${patientId})`),
    gte(therapySession.occurredAt, year.start),
    lt(therapySession.occurredAt, year.end),
  );

/** How many visits the patient has used in that calendar year, across all their referrals. */
export async function visitsInYear(db: Db | Tx, r: ReferralRow, year: YearBounds): Promise<number> {
  const [row] = await db.select({ n: count() }).from(therapySession).where(isVisitInYear(r.patientId, year));
  return row?.n ?? 0;
}

export async function coverageOf(db: Db | Tx, patientId: string) {
  const [cov] = await db.select().from(coverage).where(eq(coverage.patientId, patientId));
  return cov ?? null;
}

type SessionLogFactsRow = {
  id: string;
  totalSessions: number;
  sessionsPerWeek: number;
  /** Epoch milliseconds (numbers read alike by both drivers). */
  signedAtMs: number;
  loggedAtMs: number[];
  validFrom: string;
  expiresOn: string;
  cptCodes: string[];
  used: number;
  planVersion: number | null;
  approvedBy: string[];
  visitsPerYear: number | null;
  visitsUsedThisYear: number;
  announced: (string | null)[];
};

/**
 * What logging a session is checked against, read in one statement (each round trip costs more than these index
 * lookups): the prescription in force (the latest signed) with its sessions used, the plan's approvals of its
 * current version, the patient's yearly visit limit and visits so far in `year`, and the warnings already put on
 * the timeline since the prescription was signed. Null when there is no prescription.
 */
export async function sessionLogFacts(db: Db | Tx, r: ReferralRow, year: YearBounds) {
  const p = prescription;
  const s = therapySession;
  const plan = carePlan;
  const e = timelineEvent;
  // Counts are cast to int and dates to text so that both drivers read them alike.
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
           (select count(*)::int from ${s} where ${isVisitInYear(r.patientId, year)}) as "visitsUsedThisYear",
           array(select ${e.data}->>'warning' from ${e}
                  where ${e.referralId} = ${r.id} and ${e.type} = 'warning' and ${e.createdAt} >= ${p.createdAt})
             as "announced"
      from ${p} where ${p.referralId} = ${r.id} order by ${p.createdAt} desc limit 1`,
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
  const at = (role: string) => (approvedBy.includes(role) ? currentVersion : null);
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
