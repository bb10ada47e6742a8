import { referral, therapySession } from "@mm/db";
import { yearBounds, yearIn } from "@mm/domain";
import { type AnyColumn, and, eq, gte, lt, type Placeholder, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";

/** [start, end) of a calendar year. */
export type CalendarYear = { start: Date; end: Date };

/**
 * The calendar year the insurer's yearly visit limit is counted in, for a moment: the patient's calendar year, in
 * their zone (domain `yearIn`/`yearBounds`). The one place that decides it.
 */
export function calendarYearOf(at: Date, timeZone: string): CalendarYear {
  return yearBounds(yearIn(at, timeZone), timeZone);
}

/**
 * The same calendar year computed by the database, for a statement that reads the patient's zone itself (so a
 * hot read stays one statement): `[start, end)` of the year containing `at` in `timeZone` (an IANA name column).
 * PostgreSQL's `at time zone` uses the same IANA rules as the domain's Temporal; `visits.integration.test.ts`
 * ties the two across zones and DST changes.
 */
export function calendarYearSql(at: SQL | Placeholder, timeZone: AnyColumn | SQL): { start: SQL; end: SQL } {
  const startLocal = sql`date_trunc('year', (${at})::timestamptz at time zone ${timeZone})`;
  return {
    start: sql`(${startLocal} at time zone ${timeZone})`,
    end: sql`((${startLocal} + interval '1 year') at time zone ${timeZone})`,
  };
}

/** The patient's referrals, for the visit count (the outer query usually reads `referral` itself). */
const owned = alias(referral, "owned");

/**
 * Visits counted against the insurer's yearly limit: all of the patient's sessions, on any of their referrals,
 * in [start, end) (see `calendarYearOf`). A scalar subquery, read through the patient's referrals index.
 */
export function visitsInYear(
  patientId: AnyColumn | SQL | string,
  year: { start: Date | Placeholder | SQL; end: Date | Placeholder | SQL },
): SQL<number> {
  return sql<number>`(
    select count(*)::int
      from ${referral} ${owned}
      join ${therapySession} on ${therapySession.referralId} = ${owned.id}
     where ${and(eq(owned.patientId, patientId), gte(therapySession.occurredAt, year.start), lt(therapySession.occurredAt, year.end))})`.mapWith(
    Number,
  );
}
