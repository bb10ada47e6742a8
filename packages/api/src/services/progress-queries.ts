import {
  carePlan,
  carePlanVersion,
  coverage,
  type Db,
  type DbOrTx,
  planGoal,
  prescription,
  progressReport,
  referral,
  therapySession,
  timelineEvent,
  user,
} from "@mm/db";
import { notFound, type Role } from "@mm/domain";
import { and, eq, gte, is, lt, sql } from "drizzle-orm";
import { alias, PgTransaction } from "drizzle-orm/pg-core";
import type { SessionUser } from "../context";
import { prepared } from "./prepared";
import { referralVisibleTo } from "./referral-access";

/** The patient's referrals, for the yearly visit count (the outer query already reads `referral`). */
const owned = alias(referral, "owned");

// json_build_object renders timestamps as strings with an offset ("…+00:00") and dates as 'YYYY-MM-DD'.
type GoalJson = Pick<
  typeof planGoal.$inferSelect,
  "id" | "measure" | "customName" | "customUnit" | "baseline" | "target" | "byDate"
>;
type SessionJson = { at: string; before: number; after: number; createdAt: string };
type ReportJson = {
  createdAt: string;
  painNow: number;
  eveningPain: number;
  sleepHours: number;
  medicationDoses: number;
};
type PrescriptionJson = Pick<
  typeof prescription.$inferSelect,
  "id" | "validFrom" | "expiresOn" | "sessionsPerWeek" | "weeks" | "totalSessions"
> & { used: number };

/**
 * Everything progress.series needs, read in one statement (per-statement overhead dominated the former ten round
 * trips): the request's figures, the current plan version's goals, sessions and patient reports in time order,
 * the latest prescription with its sessions used, the yearly visit limit and the visits used in the year.
 * Orders are the former queries' own, with ties broken by logging time and id so every read agrees.
 */
const progressFields = {
  id: referral.id,
  status: referral.status,
  createdAt: referral.createdAt,
  painNow: referral.painNow,
  eveningPain: referral.eveningPain,
  sleepHours: referral.sleepHours,
  medicationDosesPerDay: referral.medicationDosesPerDay,
  visitsPerYear: coverage.visitsPerYear,
  goals: sql<GoalJson[]>`(
    select coalesce(json_agg(json_build_object(
             'id', ${planGoal.id}, 'measure', ${planGoal.measure}, 'customName', ${planGoal.customName},
             'customUnit', ${planGoal.customUnit}, 'baseline', ${planGoal.baseline}, 'target', ${planGoal.target},
             'byDate', ${planGoal.byDate}) order by ${planGoal.position}), '[]')
      from ${carePlan}
      join ${carePlanVersion} on ${carePlanVersion.carePlanId} = ${carePlan.id}
                             and ${carePlanVersion.version} = ${carePlan.currentVersion}
      join ${planGoal} on ${planGoal.planVersionId} = ${carePlanVersion.id}
     where ${carePlan.referralId} = ${referral.id})`,
  sessions: sql<SessionJson[]>`(
    select coalesce(json_agg(json_build_object(
             'at', ${therapySession.occurredAt}, 'before', ${therapySession.painBefore},
             'after', ${therapySession.painAfter}, 'createdAt', ${therapySession.createdAt})
           order by ${therapySession.occurredAt}, ${therapySession.createdAt}, ${therapySession.id}), '[]')
      from ${therapySession}
     where ${therapySession.referralId} = ${referral.id})`,
  reports: sql<ReportJson[]>`(
    select coalesce(json_agg(json_build_object(
             'createdAt', ${progressReport.createdAt}, 'painNow', ${progressReport.painNow},
             'eveningPain', ${progressReport.eveningPain}, 'sleepHours', ${progressReport.sleepHours},
             'medicationDoses', ${progressReport.medicationDoses})
           order by ${progressReport.createdAt}, ${progressReport.id}), '[]')
      from ${progressReport}
     where ${progressReport.referralId} = ${referral.id})`,
  // The prescription in force is the latest signed (renewals supersede); sessions count against it.
  prescription: sql<PrescriptionJson | null>`(
    select json_build_object(
             'id', ${prescription.id}, 'validFrom', ${prescription.validFrom},
             'expiresOn', ${prescription.expiresOn}, 'sessionsPerWeek', ${prescription.sessionsPerWeek},
             'weeks', ${prescription.weeks}, 'totalSessions', ${prescription.totalSessions},
             'used', (select count(*) from ${therapySession}
                       where ${therapySession.prescriptionId} = ${prescription.id}))
      from ${prescription}
     where ${prescription.referralId} = ${referral.id}
     order by ${prescription.createdAt} desc
     limit 1)`,
  // Visits counted against the insurer's yearly limit: all of the patient's sessions in the calendar year.
  visitsUsedThisYear: sql<number>`(
    select count(*)::int
      from ${referral} ${owned}
      join ${therapySession} on ${therapySession.referralId} = ${owned.id}
     where ${owned.patientId} = ${referral.patientId}
       and ${gte(therapySession.occurredAt, sql.placeholder("yearStart"))}
       and ${lt(therapySession.occurredAt, sql.placeholder("yearEnd"))})`,
};

/** The summary's extras: the patient's name and when the therapist last shared progress with the physician. */
const summaryFields = {
  patientName: sql<string | null>`(
    select ${user.name} from ${user} where ${user.id} = ${referral.patientId})`,
  sharedAt: sql<Date | null>`(
    select ${timelineEvent.createdAt}
      from ${timelineEvent}
     where ${timelineEvent.referralId} = ${referral.id} and ${timelineEvent.type} = 'progress_shared'
     order by ${timelineEvent.seq} desc
     limit 1)`.mapWith(timelineEvent.createdAt),
};

/** The referral asked for, if the user may see it (placeholders: one prepared statement per role). */
const visible = (role: Role) =>
  and(eq(referral.id, sql.placeholder("id")), referralVisibleTo({ role, id: sql.placeholder("me") }));
const onCoverage = eq(coverage.patientId, referral.patientId);

const seriesStatement = (db: DbOrTx, role: Role) =>
  db.select(progressFields).from(referral).leftJoin(coverage, onCoverage).where(visible(role));

const summaryStatement = (db: DbOrTx, role: Role) =>
  db
    .select({ ...progressFields, ...summaryFields })
    .from(referral)
    .leftJoin(coverage, onCoverage)
    .where(visible(role));

const values = (me: SessionUser, referralId: string, now: Date) => {
  const year = now.getUTCFullYear();
  return {
    id: referralId,
    me: me.id,
    yearStart: new Date(Date.UTC(year, 0, 1)),
    yearEnd: new Date(Date.UTC(year + 1, 0, 1)),
  };
};

/** json timestamps back to Dates, which callers format with iso() as before. */
const normalise = <R extends { sessions: SessionJson[]; reports: ReportJson[] }>({
  sessions,
  reports,
  ...rest
}: R) => ({
  ...rest,
  sessions: sessions.map((s) => ({
    at: new Date(s.at),
    before: s.before,
    after: s.after,
    createdAt: new Date(s.createdAt),
  })),
  reports: reports.map((p) => ({ ...p, createdAt: new Date(p.createdAt) })),
});

/** A referral the user may see, with its progress data; anyone else's referral is NOT_FOUND. */
export async function loadProgress(db: Db, me: SessionUser, referralId: string, now: Date) {
  const [row] = await prepared(db, `progress_${me.role}`, (name) =>
    seriesStatement(db, me.role).prepare(name),
  ).execute(values(me, referralId, now));
  if (!row) throw notFound("referral");
  return normalise(row);
}

export type ProgressData = Awaited<ReturnType<typeof loadProgress>>;

/**
 * loadProgress plus the summary's extras, still one statement. A transaction's statements must run on its own
 * connection, so there it is built per call rather than prepared once per database.
 */
export async function loadSummaryData(db: DbOrTx, me: SessionUser, referralId: string, now: Date) {
  const params = values(me, referralId, now);
  const [row] = is(db, PgTransaction)
    ? await summaryStatement(db, me.role).execute(params)
    : await prepared(db, `progress_summary_${me.role}`, (name) =>
        summaryStatement(db, me.role).prepare(name),
      ).execute(params);
  if (!row) throw notFound("referral");
  return normalise(row);
}
