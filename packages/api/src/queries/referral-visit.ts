import { type DbOrTx, queryRows, referralVisit, timelineEvent } from "@mm/db";
import { sql } from "drizzle-orm";
import { columnName as col } from "./sql-parts";

const v = referralVisit;

/**
 * Records a visit (the referral's newest timeline seq, now) and answers the seq of the visit before it, null on
 * a first visit: one statement, so two tabs opening at once each get a consistent answer.
 */
export async function recordVisit(
  db: DbOrTx,
  userId: string,
  referralId: string,
  now: Date,
): Promise<number | null> {
  const [row] = await queryRows<{ previous: string | number | null }>(
    db,
    sql`with prev as (
        select ${col(v.seenSeq)} as seq from ${v} where ${col(v.userId)} = ${userId} and ${col(v.referralId)} = ${referralId}
      )
      insert into ${v} (${col(v.userId)}, ${col(v.referralId)}, ${col(v.seenSeq)}, ${col(v.visitedAt)})
      values (${userId}, ${referralId},
        coalesce((select max(${col(timelineEvent.seq)}) from ${timelineEvent} where ${col(timelineEvent.referralId)} = ${referralId}), 0),
        ${now.toISOString()}::timestamptz)
      on conflict (${col(v.userId)}, ${col(v.referralId)}) do update
        set ${col(v.seenSeq)} = excluded.${col(v.seenSeq)}, ${col(v.visitedAt)} = excluded.${col(v.visitedAt)}
      returning (select seq from prev) as previous`,
  );
  return row?.previous == null ? null : Number(row.previous);
}
