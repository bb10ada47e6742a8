import { auditLog, type Db, referral, user } from "@mm/db";
import { and, desc, eq, lt, or, sql } from "drizzle-orm";

export type DisclosureRow = {
  id: string;
  createdAt: Date;
  action: string;
  actorRole: string;
  actorName: string | null;
  referralId: string | null;
  referralCreatedAt: Date | null;
};

/**
 * Audit rows about the patient's referrals written by anyone else, newest first, keyset-paged on (created_at, id).
 * Others see a patient's profile and insurance only through a referral, so those reads carry its id too. Each
 * referral's rows come from audit_log_referral_created_idx.
 */
export function disclosuresOf(
  db: Db,
  patientId: string,
  limit: number,
  cursor: { createdAt: Date; id: string } | null,
): Promise<DisclosureRow[]> {
  const conds = [
    sql`${auditLog.referralId} in (select ${referral.id} from ${referral} where ${referral.patientId} = ${patientId})`,
    // The patient's own reads and changes are not disclosures; system actions (no actor) are listed.
    sql`${auditLog.actorId} is distinct from ${patientId}`,
  ];
  if (cursor)
    conds.push(
      sql`(${lt(auditLog.createdAt, cursor.createdAt)} or (${eq(auditLog.createdAt, cursor.createdAt)} and ${lt(auditLog.id, cursor.id)}))`,
    );
  return db
    .select({
      id: auditLog.id,
      createdAt: auditLog.createdAt,
      action: auditLog.action,
      actorRole: auditLog.actorRole,
      actorName: user.name,
      referralId: auditLog.referralId,
      referralCreatedAt: referral.createdAt,
    })
    .from(auditLog)
    .leftJoin(user, eq(user.id, auditLog.actorId))
    .leftJoin(referral, eq(referral.id, auditLog.referralId))
    .where(and(...conds))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(limit);
}
