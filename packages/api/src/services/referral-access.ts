import { type DbOrTx, referral, therapistInvitation, user } from "@mm/db";
import { notFound } from "@mm/domain";
import { and, eq, exists, type Placeholder, type SQL, sql } from "drizzle-orm";
import type { SessionUser } from "../context";

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

/** Loads a referral the user may see, locking it for the rest of the transaction when `lock` is set. */
export async function loadReferral(
  db: DbOrTx,
  user: SessionUser,
  referralId: string,
  lock = false,
): Promise<ReferralRow> {
  const query = db
    .select()
    .from(referral)
    .where(and(eq(referral.id, referralId), referralVisibleTo(user)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw notFound("referral");
  return row;
}

/** A person's name as saved now (the session carries a copy that can be minutes old). */
export async function savedName(db: DbOrTx, userId: string): Promise<string> {
  const [row] = await db.select({ name: user.name }).from(user).where(eq(user.id, userId));
  return row?.name ?? "";
}
