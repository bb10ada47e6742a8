import { auditLog, sessionAddendum, therapySession } from "@mm/db";
import { testDbTargets } from "@mm/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContext, type SessionUser } from "./context";
import { superbillData } from "./documents/superbill-service";
import { activeReferral, type Parties } from "./testing/episode";
import {
  coverageInput,
  expectRefused,
  inDays,
  type Member,
  therapistProfileInput,
  today,
} from "./testing/referral-fixtures";
import { shiftedClock } from "./testing/shifted-clock";
import { createTestApi, SAMPLE, type TestApi } from "./testing/test-support";
import { eventsOf, justNow, sessionInput, treatmentSnapshot } from "./testing/treatment-fixtures";

const DAY_MS = 86_400_000;

/**
 * The session record (issue 11): an addendum keeps the original note and shows beside it; a cancelled or missed
 * visit is recorded without counting as attended anywhere; the physician reads each SOAP note and the patient's
 * own notes on their reports.
 */
describe.each(testDbTargets())("the session record on %s", (target) => {
  let api: TestApi;
  const { now, at } = shiftedClock();
  const p = {} as Parties;
  let strangerTherapist: Member;
  let strangerPhysician: Member;

  /** A fresh patient per episode, so yearly visit counts are this episode's own. */
  async function episode(rx: Parameters<typeof activeReferral>[1] = {}) {
    const patient = await api.member(SAMPLE.patient(`Rita Record ${Math.random().toString(36).slice(2, 8)}`));
    await patient.caller.coverage.upsert(coverageInput({ visitsPerYear: 20 }));
    const parties = { ...p, patient };
    const ep = await at(-2 * DAY_MS, () => activeReferral(parties, rx));
    return { ...ep, parties };
  }

  async function ctxOf(m: { cookie: string }) {
    const ctx = await createContext(api.deps, new Headers({ cookie: m.cookie }));
    return { ...ctx, user: ctx.user as SessionUser };
  }

  beforeAll(async () => {
    api = await createTestApi(target, { now });
    p.physician = await api.member(SAMPLE.physician("Dr. Record"));
    p.therapist = await api.member(therapistProfileInput("Theo Record"));
    strangerTherapist = await api.member(therapistProfileInput("Stan Stranger"));
    strangerPhysician = await api.member(SAMPLE.physician("Dr. Stranger"));
  });
  afterAll(async () => api?.close());

  describe("an addendum to a logged session", () => {
    it("keeps the original, shows the addendum beside it to every party, on the timeline and audited", async () => {
      const { referralId, parties } = await episode();
      const logged = await p.therapist.caller.session.log(
        sessionInput(referralId, { occurredAt: justNow(120), pressure: "medium" }),
      );
      const [original] = await api.db
        .select()
        .from(therapySession)
        .where(eq(therapySession.id, logged.sessionId));

      const out = await p.therapist.caller.session.amend({
        referralId,
        sessionId: logged.sessionId,
        note: "Pressure was firm over L4-L5, not medium.",
        reason: "Chose the wrong pressure in the form",
        expectedVersion: logged.referral.version,
      });
      expect(out.referral).toEqual({
        id: referralId,
        status: "active",
        version: logged.referral.version + 1,
      });
      expect(out.sessionId).toBe(logged.sessionId);

      // The session's own row is untouched.
      const [after] = await api.db
        .select()
        .from(therapySession)
        .where(eq(therapySession.id, logged.sessionId));
      expect(after).toEqual(original);

      for (const who of [parties.patient, p.physician, p.therapist]) {
        const [listed] = await who.caller.session.list({ referralId });
        expect(listed?.pressure).toBe("medium");
        expect(listed?.addenda).toEqual([
          {
            id: out.addendumId,
            authorId: p.therapist.user.id,
            authorName: "Theo Record",
            note: "Pressure was firm over L4-L5, not medium.",
            reason: "Chose the wrong pressure in the form",
            createdAt: expect.any(String),
          },
        ]);
      }

      const [event] = await eventsOf(api, referralId, "session_amended");
      expect(event).toMatchObject({
        actorId: p.therapist.user.id,
        actorRole: "therapist",
        data: {
          sessionId: logged.sessionId,
          addendumId: out.addendumId,
          reason: "Chose the wrong pressure in the form",
        },
      });
      const audits = await api.db.select().from(auditLog).where(eq(auditLog.action, "session.amend"));
      expect(audits.filter((a) => a.referralId === referralId)).toEqual([
        expect.objectContaining({ actorId: p.therapist.user.id, entityId: logged.sessionId }),
      ]);
      // The patient's accounting of disclosures says so, as a change.
      const { items } = await parties.patient.caller.audit.myRecord({ limit: 100 });
      expect(items).toContainEqual(
        expect.objectContaining({
          what: "Added an addendum to a treatment session note",
          changed: true,
          who: "Theo Record",
        }),
      );
    });

    it("only the therapist who logged it: others FORBIDDEN, strangers and other referrals' sessions NOT_FOUND", async () => {
      const { referralId, parties } = await episode();
      const other = await episode();
      const logged = await p.therapist.caller.session.log(
        sessionInput(referralId, { occurredAt: justNow(90) }),
      );
      const otherSession = await p.therapist.caller.session.log(
        sessionInput(other.referralId, { occurredAt: justNow(90) }),
      );
      const input = { referralId, sessionId: logged.sessionId, note: "Late entry.", reason: "Forgot" };
      const before = await treatmentSnapshot(api, referralId);
      const addendaBefore = (await api.db.select().from(sessionAddendum)).length;

      await expectRefused(parties.patient.caller.session.amend(input), "FORBIDDEN");
      await expectRefused(p.physician.caller.session.amend(input), "FORBIDDEN");
      await expectRefused(strangerTherapist.caller.session.amend(input), "NOT_FOUND");
      // A real session id, but of another referral: not this referral's.
      await expectRefused(
        p.therapist.caller.session.amend({ ...input, sessionId: otherSession.sessionId }),
        "NOT_FOUND",
      );
      await expectRefused(p.therapist.caller.session.amend({ ...input, expectedVersion: 999 }), "CONFLICT");
      const bad = await expectRefused(
        p.therapist.caller.session.amend({ ...input, note: " " }),
        "BAD_REQUEST",
      );
      expect(bad.message).toMatch(/^note: /);

      expect(await treatmentSnapshot(api, referralId)).toEqual(before);
      expect((await api.db.select().from(sessionAddendum)).length).toBe(addendaBefore);
    });

    it("a late correction is still possible after the treatment ended", async () => {
      const { referralId } = await episode();
      const logged = await p.therapist.caller.session.log(
        sessionInput(referralId, { occurredAt: justNow(90) }),
      );
      await p.physician.caller.referral.complete({ referralId, note: "Goals met." });
      const out = await p.therapist.caller.session.amend({
        referralId,
        sessionId: logged.sessionId,
        note: "Patient also reported numbness in the left foot.",
        reason: "Late entry",
      });
      expect(out.referral.status).toBe("completed");
      const [listed] = await p.physician.caller.session.list({ referralId });
      expect(listed?.addenda.map((a) => a.reason)).toEqual(["Late entry"]);
    });
  });

  describe("a cancelled or missed visit", () => {
    it("is recorded with its reason and counts toward nothing: sessions used, adherence, units, superbill, insurer visits", async () => {
      const { referralId, parties } = await episode({
        rx: { validFrom: inDays(-2), sessionsPerWeek: 2, weeks: 4, totalSessions: 2 },
      });
      const first = await p.therapist.caller.session.log(
        sessionInput(referralId, { occurredAt: justNow(600) }),
      );
      expect(first.sessionNumber).toBe(1);

      const cancelled = await p.therapist.caller.session.recordMissed({
        referralId,
        scheduledAt: justNow(500),
        outcome: "cancelled",
        reason: "Patient had a fever",
      });
      expect(cancelled.referral.status).toBe("active");
      await p.therapist.caller.session.recordMissed({
        referralId,
        scheduledAt: justNow(400),
        outcome: "no_show",
        reason: "Did not come, no answer by phone",
      });

      // Sessions used: the prescription authorizes 2; with two missed visits the second session is still #2.
      const second = await p.therapist.caller.session.log(
        sessionInput(referralId, { occurredAt: justNow(300) }),
      );
      expect(second.sessionNumber).toBe(2);
      // And it is the last: the missed visits did not use one up, nor does the count include them now.
      await expectRefused(
        p.therapist.caller.session.log(sessionInput(referralId, { occurredAt: justNow(200) })),
        "PRECONDITION_FAILED",
        "session.authorized_sessions_exhausted",
      );

      const summary = await p.physician.caller.progress.summary({ referralId });
      expect(summary.sessions.used).toBe(2);
      expect(summary.attended).toBe(2);
      expect(summary.adherence.attended).toBe(2);
      expect(summary.visits.usedThisYear).toBe(2);
      expect(summary.missedVisits).toEqual({ cancelled: 1, noShow: 1, text: "1 cancelled, 1 no-show" });

      const series = await p.physician.caller.progress.series({ referralId });
      expect(series.sessions.used).toBe(2);
      expect(series.visits.usedThisYear).toBe(2);
      // Pain is plotted for the two attended sessions only (before and after each).
      expect(series.measures.pain.filter((m) => m.source === "session_before")).toHaveLength(2);

      // Units and the superbill bill the attended visits only.
      expect(await p.therapist.caller.session.list({ referralId })).toHaveLength(2);
      await p.therapist.caller.fee.set({ fees: [{ cptCode: "97124", centsPerUnit: 3000 }] });
      const bill = await superbillData(api.db, (await ctxOf(parties.patient)).user, {
        referralId,
        from: inDays(-1),
        to: today(),
      });
      expect(bill.visits).toHaveLength(2);
      expect(bill.totals).toMatchObject({ units: first.units + second.units });

      // The missed visits are on the record, for every party, with their reasons, and on the timeline.
      for (const who of [parties.patient, p.physician, p.therapist]) {
        const missed = await who.caller.session.listMissed({ referralId });
        expect(missed.map((m) => [m.outcome, m.reason])).toEqual([
          ["cancelled", "Patient had a fever"],
          ["no_show", "Did not come, no answer by phone"],
        ]);
      }
      const events = await eventsOf(api, referralId, "visit_missed");
      expect(events.map((e) => e.data.outcome)).toEqual(["cancelled", "no_show"]);
    });

    it("the insurer's yearly visit count leaves missed visits out", async () => {
      const { referralId, parties } = await episode();
      await p.therapist.caller.session.recordMissed({
        referralId,
        scheduledAt: justNow(500),
        outcome: "no_show",
        reason: "Overslept",
      });
      const logged = await p.therapist.caller.session.log(
        sessionInput(referralId, { occurredAt: justNow(100) }),
      );
      expect(logged.warnings).not.toContain("visit_limit_reached");
      const summary = await parties.patient.caller.progress.summary({ referralId });
      expect(summary.visits).toMatchObject({ usedThisYear: 1, perYear: 20 });
    });

    it("refuses a no-show in the future, the wrong roles, strangers and a closed referral, writing nothing", async () => {
      const { referralId, parties } = await episode();
      const input = {
        referralId,
        scheduledAt: justNow(60),
        outcome: "no_show" as const,
        reason: "Did not come",
      };
      const before = await treatmentSnapshot(api, referralId);
      const future = new Date(Date.now() + DAY_MS).toISOString();
      const err = await expectRefused(
        p.therapist.caller.session.recordMissed({ ...input, scheduledAt: future }),
        "BAD_REQUEST",
      );
      expect(err.message).toBe("scheduledAt: A no-show can be recorded only after the visit's time");
      await expectRefused(p.therapist.caller.session.recordMissed({ ...input, reason: "" }), "BAD_REQUEST");
      await expectRefused(parties.patient.caller.session.recordMissed(input), "FORBIDDEN");
      await expectRefused(p.physician.caller.session.recordMissed(input), "FORBIDDEN");
      await expectRefused(strangerTherapist.caller.session.recordMissed(input), "NOT_FOUND");
      await expectRefused(strangerTherapist.caller.session.listMissed({ referralId }), "NOT_FOUND");
      expect(await treatmentSnapshot(api, referralId)).toEqual(before);

      // A cancellation may be recorded ahead of the visit.
      await p.therapist.caller.session.recordMissed({ ...input, outcome: "cancelled", scheduledAt: future });
      await p.physician.caller.referral.complete({ referralId, note: "Done." });
      await expectRefused(
        p.therapist.caller.session.recordMissed(input),
        "PRECONDITION_FAILED",
        "referral.recordMissedVisit_not_allowed_in_completed",
      );
    });
  });

  describe("what the care team reads", () => {
    it("the physician reads each session's full SOAP note; a physician not on the referral cannot", async () => {
      const { referralId } = await episode();
      await p.therapist.caller.session.log(
        sessionInput(referralId, {
          occurredAt: justNow(100),
          subjective: "Woke with 6/10 pain, sat 3 hours at a desk.",
          objective: "Trigger points in the right quadratus lumborum.",
          assessment: "Responding; less guarding than last week.",
          plan: "Stretching at home twice a day.",
        }),
      );
      const [s] = await p.physician.caller.session.list({ referralId });
      expect(s).toMatchObject({
        subjective: "Woke with 6/10 pain, sat 3 hours at a desk.",
        objective: "Trigger points in the right quadratus lumborum.",
        assessment: "Responding; less guarding than last week.",
        plan: "Stretching at home twice a day.",
        techniques: ["Myofascial release"],
        bodyRegions: ["lower_back"],
      });
      await expectRefused(strangerPhysician.caller.session.list({ referralId }), "NOT_FOUND");
    });

    it("the patient's note on a progress report reaches the physician and therapist, not an outsider", async () => {
      const { referralId, parties } = await episode();
      const report = { painNow: 4, eveningPain: 5, sleepHours: 6.5, medicationDoses: 1 };
      await parties.patient.caller.progress.report({
        referralId,
        ...report,
        note: "Sitting at work is easier; the left hip still aches at night.",
      });
      // A report without a note adds no empty line.
      await parties.patient.caller.progress.report({ referralId, ...report, note: "" });
      for (const who of [p.physician, p.therapist, parties.patient]) {
        const series = await who.caller.progress.series({ referralId });
        expect(series.patientNotes).toEqual([
          { at: expect.any(String), note: "Sitting at work is easier; the left hip still aches at night." },
        ]);
      }
      await expectRefused(strangerPhysician.caller.progress.series({ referralId }), "NOT_FOUND");
      await expectRefused(strangerTherapist.caller.progress.series({ referralId }), "NOT_FOUND");
    });
  });
});
