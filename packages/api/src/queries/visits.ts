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

/** The patient's referrals, for the visit count (the outer query usually reads `referral` itself). */
const owned = alias(referral, "owned");

/**
 * Visits counted against the insurer's yearly limit: all of the patient's sessions, on any of their referrals,
 * in [start, end) (see `calendarYearOf`). A scalar subquery, read through the patient's referrals index.
 */
export function visitsInYear(
  patientId: AnyColumn | SQL | string,
  year: { start: Date | Placeholder; end: Date | Placeholder },
): SQL<number> {
  return sql<number>`(
    select count(*)::int
      from ${referral} ${owned}
      join ${therapySession} on ${therapySession.referralId} = ${owned.id}
     where ${and(eq(owned.patientId, patientId), gte(therapySession.occurredAt, year.start), lt(therapySession.occurredAt, year.end))})`.mapWith(
    Number,
  );
}
