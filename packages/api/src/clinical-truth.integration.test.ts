import { user } from "@mm/db";
import { testDbTargets } from "@mm/db/testing";
import { addDays } from "@mm/domain";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expireDueReferrals } from "./services/expiry-service";
import { acceptedReferral, activeReferral, type Parties } from "./testing/episode";
import {
  coverageInput,
  expectRefused,
  inDays,
  type Member,
  prescriptionInput,
  referralInput,
  therapistProfileInput,
} from "./testing/referral-fixtures";
import { shiftedClock } from "./testing/shifted-clock";
import { createTestApi, SAMPLE, type TestApi } from "./testing/test-support";
import {
  eventsOf,
  goalsFrom,
  justNow,
  planInput,
  REQUEST_BASELINES,
  sessionInput,
  sessionsOf,
  treatmentSnapshot,
} from "./testing/treatment-fixtures";

const DAY_MS = 86_400_000;

/**
 * Clinical truth (issue 11): each of these was accepted, or reported wrongly, before the rules moved into the domain
 * and the API enforced them with the injected clock and the patient's time zone.
 */
describe.each(testDbTargets())("clinical truth on %s", (target) => {
  let api: TestApi;
  const { now, at } = shiftedClock();
  const p = {} as Parties;
  let nyPatient: Member;

  beforeAll(async () => {
    api = await createTestApi(target, { now });
    p.physician = await api.member(SAMPLE.physician("Dr. Truth"));
    p.therapist = await api.member(therapistProfileInput("Tina Truth"));
    p.patient = await api.member(SAMPLE.patient("Paula Truth"));
    nyPatient = await api.member({ ...SAMPLE.patient("Nora NewYork"), timeZone: "America/New_York" });
    for (const m of [p.patient, nyPatient])
      await m.caller.coverage.upsert(coverageInput({ visitsPerYear: 30 }));
  });
  afterAll(async () => api?.close());

  describe("time zones and the injected clock", () => {
    it("every user has a zone: UTC by default, the one chosen in the profile, a bad name refused", async () => {
      expect((await p.patient.caller.me.get()).user.timeZone).toBe("UTC");
      expect((await nyPatient.caller.me.get()).user.timeZone).toBe("America/New_York");
      const err = await expectRefused(
        p.patient.caller.profile.update({ ...SAMPLE.patient("Paula Truth"), timeZone: "Mars/Olympus" }),
        "BAD_REQUEST",
      );
      expect(err.message).toMatch(/^timeZone: /);
    });

    it("sign-up stores the browser's zone, and UTC for a name that is not an IANA zone", async () => {
      const signUp = (email: string, timeZone: string) =>
        api.auth.api.signUpEmail({
          body: { email, password: "correct-horse-battery", name: "Zoe Zone", role: "patient", timeZone },
        });
      const la = await signUp("zoe-la@test.example", "America/Los_Angeles");
      const bad = await signUp("zoe-bad@test.example", "Nowhere/Land");
      const zoneOf = async (id: string) =>
        (await api.db.select({ z: user.timeZone }).from(user).where(eq(user.id, id)))[0]?.z;
      expect(await zoneOf(la.user.id)).toBe("America/Los_Angeles");
      expect(await zoneOf(bad.user.id)).toBe("UTC");
    });

    it("a session after the server's clock is in the future even when the wall clock has passed it", async () => {
      const { referralId } = await at(-20 * DAY_MS, () =>
        activeReferral(p, { rx: { validFrom: inDays(-20) } }),
      );
      // The server's clock is two hours behind: a session one hour ago (wall clock) has not happened yet for it.
      const err = await at(-2 * 3_600_000, () =>
        expectRefused(
          p.therapist.caller.session.log(
            sessionInput(referralId, { occurredAt: new Date(Date.now() - 3_600_000).toISOString() }),
          ),
          "BAD_REQUEST",
        ),
      );
      expect(err.message).toBe("occurredAt: Session time cannot be in the future");
    });
  });

  it("a prescription must expire after the patient's today: in Kiritimati (UTC+14) that is already tomorrow in UTC", async () => {
    const kiritimati = await api.member({ ...SAMPLE.patient("Kiri Timati"), timeZone: "Pacific/Kiritimati" });
    const noonUtc = Date.parse(`${inDays(0)}T12:00:00.000Z`);
    const {
      referral: { id: referralId },
    } = await kiritimati.caller.referral.create(referralInput(p.physician.user.id));
    // At 12:00 UTC it is 02:00 the next day in Kiritimati: a prescription expiring on that day ends today there.
    await at(noonUtc - Date.now(), async () => {
      await expectRefused(
        p.physician.caller.prescription.sign(prescriptionInput(referralId, { expiresOn: inDays(1) })),
        "BAD_REQUEST",
        "expiresOn",
      );
      await p.physician.caller.prescription.sign(prescriptionInput(referralId, { expiresOn: inDays(2) }));
    });
  });

  describe("goals", () => {
    it("a target that is no improvement ('pain from 7 to 9') -> BAD_REQUEST naming goals.0.target, nothing saved", async () => {
      const { referralId } = await acceptedReferral(p);
      const before = await treatmentSnapshot(api, referralId);
      const err = await expectRefused(
        p.therapist.caller.plan.update(
          planInput(referralId, 0, {
            goals: [{ measure: "pain", baseline: 7, target: 9, byDate: inDays(30) }],
          }),
        ),
        "BAD_REQUEST",
      );
      expect(err.message).toBe(
        "goals.0.target: Target must be lower than the baseline (7): for pain, lower is better",
      );
      // Sleep improves upwards; a custom measure must say which way.
      await expectRefused(
        p.therapist.caller.plan.update(
          planInput(referralId, 0, {
            goals: [{ measure: "sleep_hours", baseline: 7, target: 5, byDate: inDays(30) }],
          }),
        ),
        "BAD_REQUEST",
      );
      const custom = await expectRefused(
        p.therapist.caller.plan.update(
          planInput(referralId, 0, {
            goals: [{ measure: "custom", customName: "Stairs", baseline: 2, target: 10, byDate: inDays(30) }],
          }),
        ),
        "BAD_REQUEST",
      );
      expect(custom.message).toMatch(/^goals\.0\.direction: /);
      expect(await treatmentSnapshot(api, referralId)).toEqual(before);
    });

    it("a custom goal's direction is saved and read back", async () => {
      const { referralId } = await acceptedReferral(p);
      await p.therapist.caller.plan.update(
        planInput(referralId, 0, {
          goals: [
            {
              measure: "custom",
              customName: "Stairs climbed",
              direction: "higher_is_better",
              baseline: 2,
              target: 10,
              byDate: inDays(30),
            },
          ],
        }),
      );
      const plan = await p.physician.caller.plan.get({ referralId });
      expect(plan.content?.goals[0]).toMatchObject({
        customName: "Stairs climbed",
        direction: "higher_is_better",
      });
    });

    it("a by-date after the prescription's expiry -> BAD_REQUEST naming goals.N.byDate (renewal needed)", async () => {
      const { referralId } = await acceptedReferral(p, { rx: { expiresOn: inDays(30) } });
      const err = await expectRefused(
        p.therapist.caller.plan.update(
          planInput(referralId, 0, { goals: goalsFrom(REQUEST_BASELINES, inDays(31)) }),
        ),
        "BAD_REQUEST",
        "goals.0.byDate",
      );
      expect(err.message).toMatch(/on or before the prescription's expiry/);
      await p.therapist.caller.plan.update(
        planInput(referralId, 0, { goals: goalsFrom(REQUEST_BASELINES, inDays(30)) }),
      );
    });

    it("progress: no measurement yet is its own status, never ACHIEVED on day 0", async () => {
      const { referralId } = await activeReferral(p);
      const summary = await p.physician.caller.progress.summary({ referralId });
      for (const g of summary.goals) {
        expect(g).toMatchObject({ latest: null, achieved: false, status: "no_measurement", change: null });
      }
      await p.patient.caller.progress.report({
        referralId,
        painNow: 3,
        eveningPain: 5,
        sleepHours: 4,
        medicationDoses: 3,
        note: "",
      });
      const after = await p.physician.caller.progress.summary({ referralId });
      expect(after.goals.map((g) => [g.measure, g.status, g.achieved])).toEqual([
        ["pain", "achieved", true],
        ["evening_pain", "improving", false],
        ["sleep_hours", "worse", false],
        ["medication_doses", "unchanged", false],
      ]);
    });
  });

  describe("sessions", () => {
    it("a session before the prescription's signature, on the same day -> PRECONDITION_FAILED, no trace", async () => {
      // Signed one hour ago (valid from today): a session two hours ago is before the signature.
      const { referralId } = await at(-3_600_000, () => activeReferral(p, { rx: { validFrom: inDays(-1) } }));
      const before = await treatmentSnapshot(api, referralId);
      await expectRefused(
        p.therapist.caller.session.log(
          sessionInput(referralId, { occurredAt: new Date(Date.now() - 2 * 3_600_000).toISOString() }),
        ),
        "PRECONDITION_FAILED",
        "session.before_prescription_signed",
      );
      expect(await treatmentSnapshot(api, referralId)).toEqual(before);
      await p.therapist.caller.session.log(sessionInput(referralId, { occurredAt: justNow(30) }));
    });

    it("20:00 in New York on the prescription's last day is inside it (the UTC day is already the next)", async () => {
      const lastDay = inDays(-2);
      const ny = { ...p, patient: nyPatient };
      const { referralId } = await at(-10 * DAY_MS, () =>
        activeReferral(ny, {
          rx: { validFrom: inDays(-10), expiresOn: lastDay },
          plan: { goals: goalsFrom(REQUEST_BASELINES, lastDay) },
        }),
      );
      // 20:00 EST/EDT is 00:00/01:00 UTC on the next day.
      const occurredAt = `${lastDay}T20:00:00-05:00`;
      const out = await p.therapist.caller.session.log(sessionInput(referralId, { occurredAt }));
      expect(out.sessionNumber).toBe(1);
      // 00:30 the next morning in New York is after the last day.
      await expectRefused(
        p.therapist.caller.session.log(
          sessionInput(referralId, { occurredAt: `${addDays(lastDay, 1)}T00:30:00-05:00` }),
        ),
        "PRECONDITION_FAILED",
        "session.after_prescription_expiry",
      );
    });

    it("the expiry check ends a prescription at the end of its last day in the patient's zone", async () => {
      const lastDay = inDays(3);
      const ny = { ...p, patient: nyPatient };
      const { referralId } = await activeReferral(ny, {
        rx: { validFrom: inDays(-5), expiresOn: lastDay },
        plan: { goals: goalsFrom(REQUEST_BASELINES, lastDay) },
      });
      const status = async () => (await nyPatient.caller.referral.get({ id: referralId })).status;
      // 02:00 UTC the next day is 21:00/22:00 in New York on the last day: still valid.
      // (Other referrals of this file may expire on the way: only this one's status is asserted.)
      await expireDueReferrals(api.db, new Date(`${addDays(lastDay, 1)}T02:00:00Z`));
      expect(await status()).toBe("active");
      // 05:00 UTC is past midnight in New York (EST or EDT).
      expect(
        await expireDueReferrals(api.db, new Date(`${addDays(lastDay, 1)}T05:00:00Z`)),
      ).toBeGreaterThanOrEqual(1);
      expect(await status()).toBe("expired");
      expect(await eventsOf(api, referralId, "referral_expired")).toHaveLength(1);
    });

    it("beyond the prescribed sessions per week: a timeline warning each time, counted honestly; adherence capped and explained", async () => {
      const { referralId } = await at(-2 * DAY_MS, () =>
        activeReferral(p, {
          rx: { validFrom: inDays(-2), sessionsPerWeek: 1, weeks: 12, totalSessions: 12 },
        }),
      );
      const first = await p.therapist.caller.session.log(
        sessionInput(referralId, { occurredAt: justNow(300) }),
      );
      expect(first.warnings).not.toContain("frequency_exceeded");
      const second = await p.therapist.caller.session.log(
        sessionInput(referralId, { occurredAt: justNow(200) }),
      );
      const third = await p.therapist.caller.session.log(
        sessionInput(referralId, { occurredAt: justNow(100) }),
      );
      expect(second.warnings).toContain("frequency_exceeded");
      expect(third.warnings).toContain("frequency_exceeded");
      expect([second.sessionNumber, third.sessionNumber]).toEqual([2, 3]);
      const warnings = (await eventsOf(api, referralId, "warning")).map((e) => e.data.warning);
      expect(warnings.filter((w) => w === "frequency_exceeded")).toHaveLength(2);

      const summary = await p.physician.caller.progress.summary({ referralId });
      expect(summary.sessions).toMatchObject({ used: 3, plannedToDate: 1, adherencePercent: 100 });
      expect(summary.adherence).toEqual({
        attended: 3,
        planned: 1,
        onPlan: 1,
        beyondPlan: 2,
        percent: 100,
        text: "1 of 1 planned session attended (100%), plus 2 sessions more than planned",
      });
    });

    it("several services in one visit: units by the 8-minute rule over the total, split by minutes", async () => {
      const { referralId } = await at(-DAY_MS, () => activeReferral(p, { rx: { validFrom: inDays(-1) } }));
      const { cptCode: _single, ...input } = sessionInput(referralId, {
        occurredAt: justNow(60),
        minutes: 45,
      });
      const out = await p.therapist.caller.session.log({
        ...input,
        services: [
          { cptCode: "97140", minutes: 33 },
          { cptCode: "97124", minutes: 7 },
        ],
      });
      expect(out.units).toBe(3);
      expect(out.services).toEqual([
        { cptCode: "97140", minutes: 33, units: 2 },
        { cptCode: "97124", minutes: 7, units: 1 },
      ]);
      const [row] = await sessionsOf(api, referralId);
      expect(row).toMatchObject({ units: 3, minutes: 45 });
      const listed = await p.physician.caller.session.list({ referralId });
      expect(listed[0]?.services).toEqual(out.services);
      // No code at all names the field in plain words.
      const { cptCode: _c, ...noCode } = sessionInput(referralId, { occurredAt: justNow(30) });
      const err = await expectRefused(p.therapist.caller.session.log(noCode), "BAD_REQUEST");
      expect(err.message).toBe("cptCode: Choose a CPT code");
    });
  });
});
