import { type DbOrTx, queryRows, referralVisit, timelineEvent } from "@mm/db";
import { sql } from "drizzle-orm";
import { columnName as col } from "./sql-parts";

const v = referralVisit;

export type VisitAnswer = {
  /** The newest seq the previous visit showed; null on a first visit. */
  since: number | null;
  /** Events after it, and the first of them (null when none): "3 updates since your last visit". */
  newCount: number;
  firstNewSeq: number | null;
};

/**
 * Records a visit (the referral's newest timeline seq, now) and answers what is new since the visit before it,
 * in one statement, so two tabs opening at once each get a consistent answer.
 */
export async function recordVisit(
  db: DbOrTx,
  userId: string,
  referralId: string,
  now: Date,
): Promise<VisitAnswer> {
  const e = timelineEvent;
  const [row] = await queryRows<{
    previous: string | number | null;
    new_count: string | number;
    first_new: string | number | null;
  }>(
    db,
    sql`with prev as (
        select ${col(v.seenSeq)} as seq from ${v} where ${col(v.userId)} = ${userId} and ${col(v.referralId)} = ${referralId}
      ), visited as (
        insert into ${v} (${col(v.userId)}, ${col(v.referralId)}, ${col(v.seenSeq)}, ${col(v.visitedAt)})
        values (${userId}, ${referralId},
          coalesce((select max(${col(e.seq)}) from ${e} where ${col(e.referralId)} = ${referralId}), 0),
          ${now.toISOString()}::timestamptz)
        on conflict (${col(v.userId)}, ${col(v.referralId)}) do update
          set ${col(v.seenSeq)} = excluded.${col(v.seenSeq)}, ${col(v.visitedAt)} = excluded.${col(v.visitedAt)}
        returning 1
      ), fresh as (
        select ${col(e.seq)} as seq from ${e}
        where ${col(e.referralId)} = ${referralId} and ${col(e.seq)} > (select seq from prev)
      )
      select (select seq from prev) as previous, (select count(*) from fresh)::int as new_count,
        (select min(seq) from fresh) as first_new, (select count(*) from visited) as written`,
  );
  const num = (x: string | number | null | undefined) => (x == null ? null : Number(x));
  return {
    since: num(row?.previous),
    newCount: Number(row?.new_count ?? 0),
    firstNewSeq: num(row?.first_new),
  };
}
