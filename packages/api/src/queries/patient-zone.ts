import { type DbOrTx, user } from "@mm/db";
import { DEFAULT_TIME_ZONE } from "@mm/domain";
import { eq } from "drizzle-orm";

/** The patient's IANA zone: a referral's clinical days (validity, by-dates, "today", visit year) are days there. */
export async function patientTimeZone(db: DbOrTx, patientId: string): Promise<string> {
  const [row] = await db.select({ timeZone: user.timeZone }).from(user).where(eq(user.id, patientId));
  return row?.timeZone ?? DEFAULT_TIME_ZONE;
}
