import { referral, therapySession } from "@mm/db";
import { type AnyColumn, and, eq, gte, lt, type Placeholder, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";

/**
 * The calendar year the insurer's yearly visit limit is counted in, for a moment: the UTC year today. The one
 * place that decides it, so the patient's time zone can be taken into account here and nowhere else.
 */
export function calendarYearOf(at: Date): { start: Date; end: Date } {
  const year = at.getUTCFullYear();
  return { start: new Date(Date.UTC(year, 0, 1)), end: new Date(Date.UTC(year + 1, 0, 1)) };
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
