import { type Db, prescription, referral } from "@mm/db";
import { addDays, prescriptionExpired, todayIso, transition } from "@mm/domain";
import { and, eq, sql } from "drizzle-orm";
import { patientTimeZone } from "./patient-zone";
import { appendEvent } from "./timeline";

/**
 * Scheduled check: active referrals whose prescription in force has passed its expiry without a renewal end their
 * treatment phase (active → expired, by the system). Safe to run on every instance at once: each row is re-checked
 * under its lock. A prescription expires at the end of its last day in the patient's zone: the query picks every
 * one whose last day has begun somewhere (UTC+14 at the earliest), the domain decides in the patient's zone.
 */
export async function expireDueReferrals(db: Db, now: Date): Promise<number> {
  const candidatesBefore = addDays(todayIso(now), 1);
  const due = await db
    .select({ id: referral.id })
    .from(referral)
    .where(
      and(
        eq(referral.status, "active"),
        sql`(select ${prescription.expiresOn} from ${prescription} where ${prescription.referralId} = ${referral.id} order by ${prescription.createdAt} desc limit 1) < ${candidatesBefore}`,
      ),
    );
  let expired = 0;
  for (const { id } of due) {
    expired += await db.transaction(async (tx) => {
      const [r] = await tx.select().from(referral).where(eq(referral.id, id)).for("update");
      const [rx] = await tx
        .select()
        .from(prescription)
        .where(eq(prescription.referralId, id))
        .orderBy(sql`${prescription.createdAt} desc`)
        .limit(1);
      if (!r || r.status !== "active" || !rx) return 0;
      if (!prescriptionExpired(rx.expiresOn, now, await patientTimeZone(tx, r.patientId))) return 0;
      const next = transition(r.status, "expire", "system");
      await tx
        .update(referral)
        .set({ status: next, version: r.version + 1 })
        .where(eq(referral.id, id));
      await appendEvent(tx, {
        referralId: id,
        actor: { id: null, role: "system" },
        type: "referral_expired",
        data: { from: r.status, to: next, expiresOn: rx.expiresOn },
      });
      return 1;
    });
  }
  return expired;
}
