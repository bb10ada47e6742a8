import { coverage, prescription, referral, therapySession, user } from "@mm/db";
import { testDbTargets } from "@mm/db/testing";
import { addDays, dayIn } from "@mm/domain";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../test-server";
import { DEMO_PATIENT, DEMO_TIME_ZONE } from "./demo-accounts";
import { seedDemo } from "./seed-demo";

const LA = DEMO_TIME_ZONE;
/** Wall-clock "HH:MM" of an instant in Los Angeles. */
const timeInLa = (at: Date) =>
  new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: LA }).format(at);

/**
 * The demo patient lives in Los Angeles, and the seed's days are her days: seeded at 03:00 UTC (still the evening
 * before in Los Angeles), nothing is dated on the UTC "tomorrow".
 */
describe.each(testDbTargets())("demo seed in the patient's zone on %s", (target) => {
  let s: Awaited<ReturnType<typeof startTestServer>>;
  const now = new Date(`${new Date().toISOString().slice(0, 10)}T03:00:00.000Z`);
  const laToday = dayIn(now, LA);
  beforeAll(async () => {
    s = await startTestServer(target);
    await seedDemo({ ...s.deps, now: () => now }, now);
  }, 120_000);
  afterAll(async () => s?.close());

  it("every demo user has a real zone: Los Angeles, the New York therapist in New York", async () => {
    const zones = await s.deps.db.select({ email: user.email, zone: user.timeZone }).from(user);
    expect(zones.length).toBeGreaterThan(5);
    for (const z of zones)
      expect(z.zone, z.email).toBe(z.email === "therapist-ny@demo.example" ? "America/New_York" : LA);
  });

  it("the seeded days are Los Angeles days: prescriptions signed at 09:00 there, visits at 09:30", async () => {
    expect(laToday).not.toBe(now.toISOString().slice(0, 10));
    const [patient] = await s.deps.db.select().from(user).where(eq(user.email, DEMO_PATIENT.email));
    const [cov] = await s.deps.db.select().from(coverage).where(eq(coverage.patientId, patient!.id));
    expect(cov?.callDate).toBe(laToday);
    const rxs = await s.deps.db
      .select({ validFrom: prescription.validFrom, signedAt: prescription.signedAt, status: referral.status })
      .from(prescription)
      .innerJoin(referral, eq(referral.id, prescription.referralId))
      .orderBy(asc(prescription.signedAt));
    for (const rx of rxs) expect(dayIn(rx.signedAt, LA)).toBe(rx.validFrom);
    const active = rxs.find((rx) => rx.status === "active");
    expect(active?.validFrom).toBe(addDays(laToday, -21));
    expect(timeInLa(active!.signedAt)).toBe("09:00");
    const visits = await s.deps.db
      .select({ at: therapySession.occurredAt })
      .from(therapySession)
      .orderBy(asc(therapySession.occurredAt));
    expect(visits.map((v) => [dayIn(v.at, LA), timeInLa(v.at)])).toEqual(
      [-15, -8, -1].map((d) => [addDays(laToday, d), "09:30"]),
    );
  });
});
