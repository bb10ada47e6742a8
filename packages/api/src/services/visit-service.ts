import type { Db } from "@mm/db";
import type { SessionUser } from "../context";
import { loadReferral } from "../queries/referral";
import { recordVisit } from "../queries/referral-visit";

/**
 * The referral page calls this once when it opens: it remembers this visit and answers the newest timeline seq of
 * the previous one (`since`, null on a first visit: nothing is marked), how many events came after it and the first.
 */
export async function visitReferral(db: Db, me: SessionUser, referralId: string, now: Date) {
  await loadReferral(db, me, referralId);
  return recordVisit(db, me.id, referralId, now);
}
