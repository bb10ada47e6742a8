import { type Db, referral, user } from "@mm/db";
import type { Role } from "@mm/domain";
import { and, count, desc, eq, lt, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { SessionUser } from "../context";
import { prepared } from "./prepared";
import { referralVisibleTo } from "./referral";

const patientUser = alias(user, "patient_user");
const physicianUser = alias(user, "physician_user");
const therapistUser = alias(user, "therapist_user");

type StatusCounts = Partial<Record<(typeof referral.$inferSelect)["status"], number>>;

const countsByStatus = (db: Db, me: Parameters<typeof referralVisibleTo>[0]) =>
  db
    .select({ status: referral.status, n: count().as("n") })
    .from(referral)
    .where(referralVisibleTo(me))
    .groupBy(referral.status);

/** An inbox page query, prepared once per role and per filter shape (status filter, cursor). */
const inboxPage = (db: Db, role: Role, byStatus: boolean, afterCursor: boolean) => {
  const me = { role, id: sql.placeholder("me") };
  const conds: SQL[] = [referralVisibleTo(me)];
  if (byStatus) conds.push(eq(referral.status, sql.placeholder("status")));
  if (afterCursor) {
    const at = sql.placeholder("cursorAt");
    conds.push(
      sql`(${lt(referral.createdAt, at)} or (${eq(referral.createdAt, at)} and ${lt(referral.id, sql.placeholder("cursorId"))}))`,
    );
  }
  return db
    .select({
      id: referral.id,
      status: referral.status,
      version: referral.version,
      kind: referral.kind,
      bodyRegions: referral.bodyRegions,
      painNow: referral.painNow,
      createdAt: referral.createdAt,
      updatedAt: referral.updatedAt,
      patientName: patientUser.name,
      physicianName: physicianUser.name,
      therapistName: therapistUser.name,
      // Uncorrelated, so PostgreSQL computes it once for the page; the inner "referral" shadows the outer one.
      counts: sql<StatusCounts | null>`(select json_object_agg(c.status, c.n) from ${countsByStatus(db, me).as("c")})`,
    })
    .from(referral)
    .innerJoin(patientUser, eq(patientUser.id, referral.patientId))
    .innerJoin(physicianUser, eq(physicianUser.id, referral.physicianId))
    .leftJoin(therapistUser, eq(therapistUser.id, referral.therapistId))
    .where(and(...conds))
    .orderBy(desc(referral.createdAt), desc(referral.id))
    .limit(sql.placeholder("limit"));
};

/**
 * One page of the caller's referrals (newest first, keyset after the cursor) with the counts per status riding
 * in the same statement; `limit + 1` rows are read so the caller knows whether there is a next page.
 */
export async function readInboxPage(
  db: Db,
  me: SessionUser,
  page: { limit: number; status?: string; cursor: { createdAt: Date; id: string } | null },
) {
  const rows = await prepared(db, inboxPage, me.role, Boolean(page.status), Boolean(page.cursor)).execute({
    me: me.id,
    limit: page.limit + 1,
    status: page.status,
    cursorAt: page.cursor?.createdAt.toISOString(),
    cursorId: page.cursor?.id,
  });
  // An empty page carries no counts row: ask for them alone (a filter with no match, or past the last page).
  const counts: StatusCounts =
    rows[0]?.counts ?? Object.fromEntries((await countsByStatus(db, me)).map((c) => [c.status, c.n]));
  return { rows, counts };
}
