import { type DbOrTx, referral, user } from "@mm/db";
import { DEFAULT_TIME_ZONE } from "@mm/domain";
import { eq } from "drizzle-orm";

/** The patient's IANA zone: a referral's clinical days (validity, by-dates, "today", visit year) are days there. */
export async function patientTimeZone(db: DbOrTx, patientId: string): Promise<string> {
  const [row] = await db.select({ timeZone: user.timeZone }).from(user).where(eq(user.id, patientId));
  return row?.timeZone ?? DEFAULT_TIME_ZONE;
}

/**
 * The zone of a referral's patient, by referral id. Read before the access-checked statement that needs it; it
 * reveals nothing by itself (a referral the caller may not see still answers NOT_FOUND there).
 */
export async function referralTimeZone(db: DbOrTx, referralId: string): Promise<string> {
  const [row] = await db
    .select({ timeZone: user.timeZone })
    .from(referral)
    .innerJoin(user, eq(user.id, referral.patientId))
    .where(eq(referral.id, referralId));
  return row?.timeZone ?? DEFAULT_TIME_ZONE;
}
