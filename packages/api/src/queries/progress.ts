import {
  carePlan,
  carePlanVersion,
  coverage,
  type Db,
  type DbOrTx,
  missedVisit,
  planGoal,
  prescription,
  progressReport,
  referral,
  therapySession,
  timelineEvent,
  user,
} from "@mm/db";
import { notFound, type Role } from "@mm/domain";
import { and, eq, is, sql } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { SessionUser } from "../context";
import { prepared } from "./prepared";
import { inForce, prescriptionColumns } from "./prescription";
import { referralVisibleTo } from "./referral";
import { fromJson, type JsonRow, jsonArray, jsonObject } from "./sql-parts";
import { calendarYearSql, visitsInYear } from "./visits";

const goalColumns = {
  id: planGoal.id,
  measure: planGoal.measure,
  customName: planGoal.customName,
  customUnit: planGoal.customUnit,
  direction: planGoal.direction,
  baseline: planGoal.baseline,
  target: planGoal.target,
  byDate: planGoal.byDate,
};
const sessionColumns = {
  at: therapySession.occurredAt,
  before: therapySession.painBefore,
  after: therapySession.painAfter,
  createdAt: therapySession.createdAt,
};
const reportColumns = {
  createdAt: progressReport.createdAt,
  painNow: progressReport.painNow,
  eveningPain: progressReport.eveningPain,
  sleepHours: progressReport.sleepHours,
  medicationDoses: progressReport.medicationDoses,
  note: progressReport.note,
};
const rxColumns = {
  id: prescriptionColumns.id,
  validFrom: prescriptionColumns.validFrom,
  expiresOn: prescriptionColumns.expiresOn,
  sessionsPerWeek: prescriptionColumns.sessionsPerWeek,
  weeks: prescriptionColumns.weeks,
  totalSessions: prescriptionColumns.totalSessions,
};
type JsonRows = JsonRow[];

/**
 * Everything progress.series needs, read in one statement (per-statement overhead dominated the former ten round
 * trips): the request's figures, the current plan version's goals, sessions and patient reports in time order,
 * the latest prescription with its sessions used, the yearly visit limit and the visits used in the year.
 * Orders are the former queries' own, with ties broken by logging time and id so every read agrees.
 */
const patientZone = sql<string>`(select ${user.timeZone} from ${user} where ${user.id} = ${referral.patientId})`;

const progressFields = {
  id: referral.id,
  status: referral.status,
  createdAt: referral.createdAt,
  painNow: referral.painNow,
  eveningPain: referral.eveningPain,
  sleepHours: referral.sleepHours,
  medicationDosesPerDay: referral.medicationDosesPerDay,
  visitsPerYear: coverage.visitsPerYear,
  goals: jsonArray(goalColumns, {
    from: sql`from ${carePlan}
      join ${carePlanVersion} on ${carePlanVersion.carePlanId} = ${carePlan.id}
                             and ${carePlanVersion.version} = ${carePlan.currentVersion}
      join ${planGoal} on ${planGoal.planVersionId} = ${carePlanVersion.id}
     where ${carePlan.referralId} = ${referral.id}`,
    orderBy: sql`${planGoal.position}`,
  }),
  sessions: jsonArray(sessionColumns, {
    from: sql`from ${therapySession} where ${therapySession.referralId} = ${referral.id}`,
    orderBy: sql`${therapySession.occurredAt}, ${therapySession.createdAt}, ${therapySession.id}`,
  }),
  reports: jsonArray(reportColumns, {
    from: sql`from ${progressReport} where ${progressReport.referralId} = ${referral.id}`,
    orderBy: sql`${progressReport.createdAt}, ${progressReport.id}`,
  }),
  // The prescription in force, with the sessions counted against it.
  prescription: sql<JsonRow | null>`(
    select ${jsonObject(rxColumns, {
      used: sql`(select count(*)::int from ${therapySession} where ${therapySession.prescriptionId} = ${prescription.id})`,
    })}
      from ${prescription}
     where ${inForce(referral.id)}
     limit 1)`,
  // The insurer's visit year is the patient's calendar year, in their zone (read in this same statement).
  timeZone: patientZone,
  visitsUsedThisYear: visitsInYear(
    referral.patientId,
    calendarYearSql(sql.placeholder("now"), sql`(${patientZone})`),
  ),
};

/** Visits of the referral that did not take place with `outcome` (they are not sessions: counted apart). */
const missedCount = (outcome: (typeof missedVisit.$inferSelect)["outcome"]) =>
  sql<number>`(select count(*)::int from ${missedVisit}
     where ${missedVisit.referralId} = ${referral.id} and ${missedVisit.outcome} = ${outcome})`.mapWith(
    Number,
  );

/**
 * The summary's extras: the patient's name, when the therapist last shared progress with the physician, and the
 * visits that did not take place.
 */
const summaryFields = {
  missedCancelled: missedCount("cancelled"),
  missedNoShow: missedCount("no_show"),
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

const values = (me: SessionUser, referralId: string, now: Date) => ({ id: referralId, me: me.id, now });

/** The JSON rows read back as Drizzle reads their columns (timestamps to Dates, which callers format with iso()). */
const normalise = <
  R extends {
    goals: JsonRows;
    sessions: JsonRows;
    reports: JsonRows;
    prescription: JsonRow | null;
  },
>({
  goals,
  sessions,
  reports,
  prescription: rx,
  ...rest
}: R) => ({
  ...rest,
  prescription: rx ? { ...fromJson(rxColumns, rx), used: Number(rx.used) } : null,
  goals: goals.map((g) => fromJson(goalColumns, g)),
  sessions: sessions.map((x) => fromJson(sessionColumns, x)),
  reports: reports.map((p) => fromJson(reportColumns, p)),
});

/** A referral the user may see, with its progress data; anyone else's referral is NOT_FOUND. */
export async function loadProgress(db: Db, me: SessionUser, referralId: string, now: Date) {
  const [row] = await prepared(db, seriesStatement, me.role).execute(values(me, referralId, now));
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
    : await prepared(db, summaryStatement, me.role).execute(params);
  if (!row) throw notFound("referral");
  return normalise(row);
}
