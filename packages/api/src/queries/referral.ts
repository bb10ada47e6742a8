import { type DbOrTx, referral, type Tx, therapistInvitation, user } from "@mm/db";
import { notFound } from "@mm/domain";
import { and, asc, eq, exists, type Placeholder, type SQL, sql } from "drizzle-orm";
import type { SessionUser } from "../context";
import { columnName as col } from "./sql-parts";

/**
 * The one place that says whose referral is whose: a patient sees their own, a physician those addressed to them,
 * a therapist those they are invited to or accepted (a turned-down or withdrawn invitation ends access).
 * Everything else is NOT_FOUND. The id may be a placeholder, for statements prepared once per role.
 */
export function referralVisibleTo(user: Pick<SessionUser, "role"> & { id: string | Placeholder }): SQL {
  switch (user.role) {
    case "patient":
      return eq(referral.patientId, user.id);
    case "physician":
      return eq(referral.physicianId, user.id);
    case "therapist":
      return exists(
        sql`(select 1 from ${therapistInvitation} where ${therapistInvitation.referralId} = ${referral.id} and ${therapistInvitation.therapistId} = ${user.id} and ${therapistInvitation.status} in ('invited', 'accepted'))`,
      );
    default:
      return sql`false`;
  }
}

export type ReferralRow = typeof referral.$inferSelect;

/** Loads a referral the user may see (anyone else's is NOT_FOUND). */
export async function loadReferral(db: DbOrTx, user: SessionUser, referralId: string): Promise<ReferralRow> {
  const [row] = await db
    .select()
    .from(referral)
    .where(and(eq(referral.id, referralId), referralVisibleTo(user)));
  if (!row) throw notFound("referral");
  return row;
}

declare const lockedBrand: unique symbol;
/** A referral row locked FOR UPDATE in the current transaction: the write path only changes locked rows. */
export type LockedReferral = ReferralRow & { readonly [lockedBrand]: true };

/**
 * Locks the referrals matching `where` for the rest of the transaction, in id order (two transactions locking
 * overlapping sets then queue instead of deadlocking). Taken before any event is appended, so a referral's events
 * commit in the order of their seq and a live reader after cursor N never misses one that commits late.
 */
export async function lockReferrals(tx: Tx, where: SQL): Promise<LockedReferral[]> {
  const rows = await tx.select().from(referral).where(where).orderBy(asc(referral.id)).for("update");
  return rows as LockedReferral[];
}

/** Locks one referral the user may see; anyone else's is NOT_FOUND. */
export async function lockReferral(tx: Tx, user: SessionUser, referralId: string): Promise<LockedReferral> {
  const [row] = await lockReferrals(tx, sql`${eq(referral.id, referralId)} and ${referralVisibleTo(user)}`);
  if (!row) throw notFound("referral");
  return row;
}

/** The columns a change may set besides the version (which always bumps) and updated_at. */
export type ReferralUpdate = Partial<
  Pick<ReferralRow, "status" | "therapistId" | "closedReason" | "prescriptionExpiresOn">
>;

/**
 * `update referral set version = version + 1, …`: as Drizzle's update builder would set the columns (undefined
 * leaves one alone, updated_at is its $onUpdate), hand-written because building it is on every write's path.
 */
export function referralUpdate(id: string, set: ReferralUpdate): SQL {
  const assignments = Object.entries({ ...set, updatedAt: new Date() } satisfies Partial<ReferralRow>)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => {
      const column = referral[key as keyof ReferralUpdate | "updatedAt"];
      return sql`${col(column)} = ${sql.param(value, column)}`;
    });
  assignments.push(sql`${col(referral.version)} = ${referral.version} + 1`);
  return sql`update ${referral} set ${sql.join(assignments, sql`, `)} where ${referral.id} = ${id}`;
}

/** A person's name as saved now (the session carries a copy that can be minutes old). */
export async function savedName(db: DbOrTx, userId: string): Promise<string> {
  const [row] = await db.select({ name: user.name }).from(user).where(eq(user.id, userId));
  return row?.name ?? "";
}
