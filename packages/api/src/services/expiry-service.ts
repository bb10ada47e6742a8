import { type Db, referral } from "@mm/db";
import { addDays, prescriptionExpired, todayIso, transition } from "@mm/domain";
import { eq } from "drizzle-orm";
import { patientTimeZone } from "../queries/patient-zone";
import { prescriptionInForce, referralsPastExpiry } from "../queries/prescription";
import { lockReferrals } from "../queries/referral";
import { changeReferral, SYSTEM } from "./write-path";

/**
 * Scheduled check: active referrals whose prescription in force has passed its expiry without a renewal end their
 * treatment phase (active → expired, by the system). Safe to run on every instance at once: each row is re-checked
 * under its lock. A prescription expires at the end of its last day in the patient's zone: the query picks every
 * one whose last day has begun somewhere (UTC+14 at the earliest), the domain decides in the patient's zone.
 */
export async function expireDueReferrals(db: Db, now: Date): Promise<number> {
  // Every prescription whose last day has begun somewhere (UTC+14 at the earliest): the domain decides per zone.
  const due = await referralsPastExpiry(db, addDays(todayIso(now), 1));
  let expired = 0;
  for (const { id } of due) {
    const out = await changeReferral(
      db,
      SYSTEM,
      async (tx) => {
        const [r] = await lockReferrals(tx, eq(referral.id, id));
        if (!r) throw new NotDue();
        return r;
      },
      async (tx, r) => {
        const rx = await prescriptionInForce(tx, id);
        if (r.status !== "active" || !rx) throw new NotDue();
        if (!prescriptionExpired(rx.expiresOn, now, await patientTimeZone(tx, r.patientId)))
          throw new NotDue();
        const next = transition(r.status, "expire", "system");
        return {
          set: { status: next },
          effects: [
            {
              kind: "event",
              type: "referral_expired",
              data: { from: r.status, to: next, expiresOn: rx.expiresOn },
            },
          ],
          audit: { action: "referral.expire", entity: "referral", entityId: r.id },
        };
      },
    ).catch((error: unknown) => {
      // Renewed, closed or deleted since the scan: nothing to do (the transaction rolled back, having written nothing).
      if (error instanceof NotDue) return null;
      throw error;
    });
    if (out) expired += 1;
  }
  return expired;
}

class NotDue extends Error {}
