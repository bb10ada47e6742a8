import { auditLog, prescription } from "@mm/db";
import { testDbTargets } from "@mm/db/testing";
import { addDays } from "@mm/domain";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expireDueReferrals } from "./index";
import { acceptedReferral, activeReferral, type Parties } from "./testing/episode";
import {
  expectRefused,
  inDays,
  prescriptionInput,
  therapistProfileInput,
  today,
} from "./testing/referral-fixtures";
import { type Caller, createTestApi, SAMPLE, type TestApi } from "./testing/test-support";
import {
  eventsOf,
  goalsFrom,
  justNow,
  onDay,
  planInput,
  REQUEST_BASELINES,
  sessionInput,
  sessionsOf,
  treatmentSnapshot,
} from "./testing/treatment-fixtures";

const DAY_MS = 86_400_000;

/**
 * The end of an episode: the physician renews (a new signed prescription chained to the previous one, sessions
 * counted against the new authorization), completes (terminal) or discontinues with a reason; the patient withdraws
 * with a reason; a prescription that passes its expiry without renewal moves the referral to expired.
 */
describe.each(testDbTargets())("outcome on %s", (target) => {
  let api: TestApi;
  const p = {} as Parties;
  /** The server's clock runs `shiftDays` away from the real one: a prescription is signed before its sessions. */
  let shiftDays = 0;
  async function signedDaysAgo<T>(days: number, fn: () => Promise<T>): Promise<T> {
    shiftDays = -days;
    try {
      return await fn();
    } finally {
      shiftDays = 0;
    }
  }

  beforeAll(async () => {
    api = await createTestApi(target, { now: () => new Date(Date.now() + shiftDays * DAY_MS) });
    p.physician = await api.member(SAMPLE.physician("Dr. Outcome"));
    p.therapist = await api.member(therapistProfileInput("Otis Outcome"));
    p.patient = await api.member(SAMPLE.patient("Opal Outcome"));
  });
  afterAll(async () => api?.close());

  const rxRow = async (id: string) =>
    (await api.db.select().from(prescription).where(eq(prescription.id, id)))[0]!;

  describe("renewal, then completion", () => {
    /** An active episode whose first prescription was signed 14 days ago (3 sessions, to day +10), one session logged. */
    async function renewable() {
      const { referralId, prescriptionId: firstRx } = await signedDaysAgo(14, () =>
        activeReferral(p, {
          rx: {
            validFrom: inDays(-14),
            expiresOn: inDays(10),
            sessionsPerWeek: 1,
            weeks: 3,
            totalSessions: 3,
          },
          // Goals fall inside the prescription's validity.
          plan: { goals: goalsFrom(REQUEST_BASELINES, inDays(10)) },
        }),
      );
      await p.therapist.caller.session.log(sessionInput(referralId, { occurredAt: onDay(-7) }));
      return { referralId, firstRx };
    }

    /** The physician's renewal: 6 sessions from today to day +90. */
    function renew(referralId: string) {
      // Signed a quarter of an hour ago, so a session "just now" comes after the renewal's signature.
      return signedDaysAgo(0.01, () =>
        p.physician.caller.prescription.renew(
          prescriptionInput(referralId, {
            validFrom: today(),
            expiresOn: inDays(90),
            sessionsPerWeek: 1,
            weeks: 12,
            totalSessions: 6,
            signature: "Dr. Outcome",
          }),
        ),
      );
    }

    /** A renewable episode, renewed, with a second session logged against the renewal. */
    async function renewedWithSession() {
      const { referralId, firstRx } = await renewable();
      const { prescriptionId: renewedRx } = await renew(referralId);
      await p.therapist.caller.session.log(sessionInput(referralId, { occurredAt: justNow() }));
      return { referralId, firstRx, renewedRx };
    }

    /** For the tests of a completed episode (which leave it unchanged): renewed, two sessions, then completed. */
    let completedId: string;
    beforeAll(async () => {
      ({ referralId: completedId } = await renewedWithSession());
      await p.physician.caller.referral.complete({
        referralId: completedId,
        note: "Goals met; discharged to home care.",
      });
    });

    it("a renewal starting before the prescription it renews, or expiring today -> BAD_REQUEST, no trace", async () => {
      const { referralId } = await renewable();
      const before = await treatmentSnapshot(api, referralId);
      await expectRefused(
        p.physician.caller.prescription.renew(
          prescriptionInput(referralId, { validFrom: inDays(-20), expiresOn: inDays(60) }),
        ),
        "BAD_REQUEST",
        "validFrom",
      );
      await expectRefused(
        p.physician.caller.prescription.renew(
          prescriptionInput(referralId, { validFrom: inDays(-14), expiresOn: today() }),
        ),
        "BAD_REQUEST",
        "expiresOn",
      );
      const err = await expectRefused(
        p.physician.caller.prescription.renew(prescriptionInput(referralId, { totalSessions: 0 })),
        "BAD_REQUEST",
      );
      expect(err.message).toMatch(/^totalSessions: /);
      expect(await treatmentSnapshot(api, referralId)).toEqual(before);
    });

    it("physician renews: a new prescription chained to the old one, with its own valid hash", async () => {
      const { referralId, firstRx } = await renewable();
      const out = await renew(referralId);
      const renewedRx = out.prescriptionId;
      expect(renewedRx).not.toBe(firstRx);
      expect(out.referral).toMatchObject({ id: referralId, status: "active" });

      const [oldRow, newRow] = [await rxRow(firstRx), await rxRow(renewedRx)];
      expect(newRow).toMatchObject({
        referralId,
        previousPrescriptionId: firstRx,
        totalSessions: 6,
        validFrom: today(),
        expiresOn: inDays(90),
        physicianId: p.physician.user.id,
      });
      expect(oldRow.previousPrescriptionId).toBeNull();
      // The old prescription is untouched: immutable once signed.
      expect(oldRow).toMatchObject({ totalSessions: 3, expiresOn: inDays(10) });

      for (const party of [p.patient, p.physician, p.therapist]) {
        const v = await party.caller.prescription.verify({ id: renewedRx });
        expect(v).toMatchObject({ id: renewedRx, valid: true, storedHash: newRow.contentHash });
        expect(v.computedHash).toBe(v.storedHash);
      }
      expect(newRow.contentHash).not.toBe(oldRow.contentHash);
      expect((await p.patient.caller.prescription.verify({ id: firstRx })).valid).toBe(true);

      const r = await p.patient.caller.referral.get({ id: referralId });
      expect(r.status).toBe("active");
      expect(r.prescriptions.map((x) => x.id)).toEqual([firstRx, renewedRx]);
      expect(r.currentPrescription?.id).toBe(renewedRx);

      const renewed = await eventsOf(api, referralId, "prescription_renewed");
      expect(renewed).toHaveLength(1);
      expect(renewed[0]).toMatchObject({
        actorId: p.physician.user.id,
        actorRole: "physician",
        data: {
          prescriptionId: renewedRx,
          previousPrescriptionId: firstRx,
          totalSessions: 6,
          from: "active",
          to: "active",
        },
      });
    });

    it("sessions now count against the new authorization", async () => {
      const { referralId, firstRx } = await renewable();
      const { prescriptionId: renewedRx } = await renew(referralId);
      const out = await p.therapist.caller.session.log(sessionInput(referralId, { occurredAt: justNow() }));
      expect(out).toMatchObject({ sessionNumber: 1, authorized: 6 });
      const stored = await sessionsOf(api, referralId);
      expect(stored.map((s) => s.prescriptionId)).toEqual([firstRx, renewedRx]);
      const series = await p.physician.caller.progress.series({ referralId });
      expect(series.sessions).toEqual({ used: 1, authorized: 6 });
      expect(series.prescription).toMatchObject({ id: renewedRx, expiresOn: inDays(90) });
    });

    it("physician completes: active -> completed, with the note and a referral_completed event", async () => {
      const { referralId } = await renewedWithSession();
      const { referral: out } = await p.physician.caller.referral.complete({
        referralId,
        note: "Goals met; discharged to home care.",
      });
      expect(out).toMatchObject({ id: referralId, status: "completed" });
      const r = await p.therapist.caller.referral.get({ id: referralId });
      expect(r).toMatchObject({ status: "completed", closedReason: "Goals met; discharged to home care." });
      const [done] = await eventsOf(api, referralId, "referral_completed");
      expect(done).toMatchObject({
        actorRole: "physician",
        data: { from: "active", to: "completed", note: "Goals met; discharged to home care." },
      });
    });

    const afterTheEnd: {
      name: string;
      call: (fx: { referralId: string }) => Promise<unknown>;
      rule: string;
    }[] = [
      {
        name: "session.log",
        call: ({ referralId }) =>
          p.therapist.caller.session.log(sessionInput(referralId, { occurredAt: justNow() })),
        rule: "referral.logSession_not_allowed_in_completed",
      },
      {
        name: "progress.report",
        call: ({ referralId }) =>
          p.patient.caller.progress.report({
            referralId,
            painNow: 2,
            eveningPain: 2,
            sleepHours: 7,
            medicationDoses: 0,
          }),
        rule: "referral.report_not_allowed_in_completed",
      },
      {
        name: "progress.share",
        call: ({ referralId }) => p.therapist.caller.progress.share({ referralId, note: "Final report." }),
        rule: "referral.report_not_allowed_in_completed",
      },
      {
        name: "plan.update",
        call: ({ referralId }) => p.physician.caller.plan.update(planInput(referralId, 1)),
        rule: "plan.not_editable_in_completed",
      },
      {
        name: "plan.approve",
        call: ({ referralId }) => p.therapist.caller.plan.approve({ referralId, version: 1 }),
        rule: "plan.not_editable_in_completed",
      },
      {
        name: "prescription.renew",
        call: ({ referralId }) =>
          p.physician.caller.prescription.renew(prescriptionInput(referralId, { expiresOn: inDays(120) })),
        rule: "referral.renew_not_allowed_in_completed",
      },
      {
        name: "referral.complete",
        call: ({ referralId }) => p.physician.caller.referral.complete({ referralId }),
        rule: "referral.complete_not_allowed_in_completed",
      },
      {
        name: "referral.discontinue",
        call: ({ referralId }) =>
          p.physician.caller.referral.discontinue({ referralId, reason: "Too late." }),
        rule: "referral.discontinue_not_allowed_in_completed",
      },
      {
        name: "referral.withdraw",
        call: ({ referralId }) => p.patient.caller.referral.withdraw({ referralId, reason: "Too late." }),
        rule: "referral.withdraw_not_allowed_in_completed",
      },
    ];
    it.each(afterTheEnd)(
      "completed is terminal: $name -> PRECONDITION_FAILED $rule, no trace",
      async ({ call, rule }) => {
        const before = await treatmentSnapshot(api, completedId);
        await expectRefused(call({ referralId: completedId }), "PRECONDITION_FAILED", rule);
        expect(await treatmentSnapshot(api, completedId)).toEqual(before);
      },
    );

    it("the record stays readable by every party", async () => {
      for (const party of [p.patient, p.physician, p.therapist]) {
        expect((await party.caller.plan.get({ referralId: completedId })).referralStatus).toBe("completed");
        expect(await party.caller.session.list({ referralId: completedId })).toHaveLength(2);
        expect((await party.caller.progress.summary({ referralId: completedId })).status).toBe("completed");
      }
    });
  });

  describe("physician discontinues, patient withdraws", () => {
    it("discontinue needs a reason (BAD_REQUEST reason), then active -> discontinued with it", async () => {
      const { referralId } = await activeReferral(p);
      const before = await treatmentSnapshot(api, referralId);
      const err = await expectRefused(
        p.physician.caller.referral.discontinue({ referralId, reason: "   " }),
        "BAD_REQUEST",
      );
      expect(err.message).toMatch(/^reason: /);
      expect(await treatmentSnapshot(api, referralId)).toEqual(before);

      const reason = "No improvement after 6 weeks; referring to physical therapy.";
      const { referral: out } = await p.physician.caller.referral.discontinue({ referralId, reason });
      expect(out).toMatchObject({ status: "discontinued" });
      expect((await p.patient.caller.referral.get({ id: referralId })).closedReason).toBe(reason);
      const [ev] = await eventsOf(api, referralId, "referral_discontinued");
      expect(ev).toMatchObject({
        actorRole: "physician",
        data: { reason, from: "active", to: "discontinued" },
      });
      await expectRefused(
        p.therapist.caller.session.log(sessionInput(referralId)),
        "PRECONDITION_FAILED",
        "referral.logSession_not_allowed_in_discontinued",
      );
    });

    it("patient withdraws with a reason from active -> discontinued, referral_withdrawn event", async () => {
      const { referralId } = await activeReferral(p);
      await expectRefused(p.patient.caller.referral.withdraw({ referralId, reason: "" }), "BAD_REQUEST");
      const reason = "Moving to another state next month.";
      const { referral: out } = await p.patient.caller.referral.withdraw({ referralId, reason });
      expect(out).toMatchObject({ status: "discontinued" });
      expect((await p.physician.caller.referral.get({ id: referralId })).closedReason).toBe(reason);
      const [ev] = await eventsOf(api, referralId, "referral_withdrawn");
      expect(ev).toMatchObject({
        actorId: p.patient.user.id,
        actorRole: "patient",
        data: { reason, from: "active", to: "discontinued" },
      });
    });

    it("while planning: no renewal (PRECONDITION_FAILED), and the patient may withdraw", async () => {
      const { referralId } = await acceptedReferral(p);
      const before = await treatmentSnapshot(api, referralId);
      await expectRefused(
        p.physician.caller.prescription.renew(prescriptionInput(referralId, { expiresOn: inDays(120) })),
        "PRECONDITION_FAILED",
        "referral.renew_not_allowed_in_planning",
      );
      expect(await treatmentSnapshot(api, referralId)).toEqual(before);
      const { referral: out } = await p.patient.caller.referral.withdraw({
        referralId,
        reason: "Changed my mind.",
      });
      expect(out.status).toBe("discontinued");
      expect(await eventsOf(api, referralId, "referral_withdrawn")).toHaveLength(1);
    });
  });

  describe("expiry without renewal (expireDueReferrals)", () => {
    const expiresOn = inDays(3);
    const at = (day: string, time = "12:00:00") => new Date(`${day}T${time}.000Z`);
    const plan = { goals: goalsFrom(REQUEST_BASELINES, expiresOn) };

    /** An active episode whose only prescription (from day -10) lapses after `expiresOn`. */
    async function lapsingEpisode() {
      const { referralId } = await activeReferral(p, { rx: { validFrom: inDays(-10), expiresOn }, plan });
      return referralId;
    }

    /** The same, but renewed from today to day +60 before it lapses. */
    async function renewedEpisode() {
      const referralId = await lapsingEpisode();
      await p.physician.caller.prescription.renew(
        prescriptionInput(referralId, { validFrom: today(), expiresOn: inDays(60) }),
      );
      return referralId;
    }

    /** A lapsing episode already moved to expired by the check (run the day after). */
    async function expiredEpisode() {
      const referralId = await lapsingEpisode();
      await expireDueReferrals(api.db, new Date(Date.now() + 5 * DAY_MS));
      return referralId;
    }

    /**
     * The check counts every due referral in the database: expire whatever other tests left due by `now` first, so
     * the count that follows is this test's own.
     */
    const clearDue = (now: Date) => expireDueReferrals(api.db, now);

    const statusOf = async (c: Caller, id: string) => (await c.referral.get({ id })).status;

    it("on the expiry day itself nothing expires (valid through expires-on)", async () => {
      await clearDue(at(expiresOn, "23:59:00"));
      const lapsing = await lapsingEpisode();
      expect(await expireDueReferrals(api.db, at(expiresOn, "23:59:00"))).toBe(0);
      expect(await statusOf(p.patient.caller, lapsing)).toBe("active");
    });

    it("the day after: the unrenewed referral -> expired with a referral_expired event; the renewed one stays active", async () => {
      await clearDue(new Date(Date.now() + 5 * DAY_MS));
      const lapsing = await lapsingEpisode();
      const renewed = await renewedEpisode();
      const before = (await p.patient.caller.referral.get({ id: lapsing })).version;
      expect(await expireDueReferrals(api.db, new Date(Date.now() + 5 * DAY_MS))).toBe(1);

      const r = await p.physician.caller.referral.get({ id: lapsing });
      expect(r.status).toBe("expired");
      expect(r.version).toBe(before + 1);
      const events = await eventsOf(api, lapsing);
      expect(events.at(-1)).toMatchObject({
        type: "referral_expired",
        actorId: null,
        actorRole: "system",
        data: { from: "active", to: "expired", expiresOn },
      });
      expect(await statusOf(p.patient.caller, renewed)).toBe("active");
      expect(await eventsOf(api, renewed, "referral_expired")).toHaveLength(0);
    });

    it("the expiry is audit-logged like every other change, by the system", async () => {
      const lapsing = await expiredEpisode();
      const rows = await api.db.select().from(auditLog).where(eq(auditLog.referralId, lapsing));
      expect(rows.filter((a) => a.action === "referral.expire")).toEqual([
        expect.objectContaining({
          actorId: null,
          actorRole: "system",
          entity: "referral",
          entityId: lapsing,
        }),
      ]);
    });

    it("running the check again changes nothing", async () => {
      const lapsing = await expiredEpisode();
      const before = await treatmentSnapshot(api, lapsing);
      expect(await expireDueReferrals(api.db, new Date(Date.now() + 5 * DAY_MS))).toBe(0);
      expect(await treatmentSnapshot(api, lapsing)).toEqual(before);
    });

    it("expired is terminal: no session, no renewal", async () => {
      const lapsing = await expiredEpisode();
      expect(await statusOf(p.patient.caller, lapsing)).toBe("expired");
      await expectRefused(
        p.therapist.caller.session.log(sessionInput(lapsing, { occurredAt: justNow() })),
        "PRECONDITION_FAILED",
        "referral.logSession_not_allowed_in_expired",
      );
      await expectRefused(
        p.physician.caller.prescription.renew(prescriptionInput(lapsing, { expiresOn: inDays(90) })),
        "PRECONDITION_FAILED",
        "referral.renew_not_allowed_in_expired",
      );
    });

    it("the renewed referral expires in turn once its renewal lapses", async () => {
      await clearDue(at(addDays(inDays(60), 1)));
      const renewed = await renewedEpisode();
      expect(await expireDueReferrals(api.db, at(addDays(inDays(60), 1)))).toBe(1);
      expect(await statusOf(p.therapist.caller, renewed)).toBe("expired");
    });
  });
});
