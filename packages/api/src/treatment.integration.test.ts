import { progressReport } from "@mm/db";
import { testDbTargets } from "@mm/db/testing";
import type { SessionLogInput } from "@mm/domain";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptedReferral, activeReferral, type Parties, signOffPlan } from "./testing/episode";
import {
  coverageInput,
  expectRefused,
  inDays,
  type Member,
  therapistProfileInput,
} from "./testing/referral-fixtures";
import { shiftedClock } from "./testing/shifted-clock";
import { createTestApi, SAMPLE, type TestApi } from "./testing/test-support";
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
 * Treatment: sessions refused with the rule named (plan not in effect, outside the prescription's dates, beyond the
 * authorized count, not the therapist's referral) and leaving no trace; units by the 8-minute rule; warnings in the
 * result and once on the timeline; patient reports; progress series and the justification summary; the "progress
 * report due" reminder.
 */
describe.each(testDbTargets())("treatment on %s", (target) => {
  let api: TestApi;
  /**
   * The server's clock (ctx.now, which every "now" rule reads, the session-time check included) is moved by `at`:
   * an episode is signed in the past, then its sessions are logged "today".
   */
  const { now, at } = shiftedClock();
  const p = {} as Parties;
  let otherTherapist: Member;

  beforeAll(async () => {
    api = await createTestApi(target, { now });
    p.physician = await api.member(SAMPLE.physician("Dr. Treat"));
    p.therapist = await api.member(therapistProfileInput("Tess Treating"));
    p.patient = await api.member(SAMPLE.patient("Pete Treated"));
    otherTherapist = await api.member(therapistProfileInput("Oona Othertherapist"));
    await p.patient.caller.coverage.upsert(coverageInput({ visitsPerYear: 20 }));
  });
  afterAll(async () => api?.close());

  /**
   * Runs `fn` with the server's clock `days` back: the episode's prescription is signed on its valid-from day, so
   * sessions dated after valid-from are also after the signature (a session before it is refused).
   */
  async function signedDaysAgo<T>(days: number, fn: () => Promise<T>): Promise<T> {
    return at(-days * DAY_MS, fn);
  }

  /** Logs a session and checks that a refused one leaves every table and the referral row untouched. */
  async function expectSessionRefused(
    by: Member,
    input: SessionLogInput,
    code: "PRECONDITION_FAILED" | "NOT_FOUND" | "BAD_REQUEST" | "CONFLICT",
    rule?: string,
  ) {
    const before = await treatmentSnapshot(api, input.referralId);
    const err = await expectRefused(by.caller.session.log(input), code, rule);
    expect(await treatmentSnapshot(api, input.referralId)).toEqual(before);
    return err;
  }

  describe("before the plan of care is in effect", () => {
    let referralId: string;

    beforeAll(async () => {
      ({ referralId } = await signedDaysAgo(14, () =>
        acceptedReferral(p, { rx: { validFrom: inDays(-14) } }),
      ));
      await p.therapist.caller.plan.update(planInput(referralId, 0));
      await p.physician.caller.plan.approve({ referralId, version: 1 });
      await p.therapist.caller.plan.approve({ referralId, version: 1 });
    });

    it("planning (approved by both clinicians, not yet acknowledged) -> PRECONDITION_FAILED, no trace", async () => {
      const err = await expectSessionRefused(p.therapist, sessionInput(referralId), "PRECONDITION_FAILED");
      // The state machine refuses first (no session while planning); the plan rule is the same refusal's reason.
      expect(err.cause).toMatchObject({
        rule: expect.stringMatching(
          /^(session\.plan_not_in_effect|referral\.logSession_not_allowed_in_planning)$/,
        ),
      });
      expect(err.message.length).toBeGreaterThan(10);
    });

    it("the patient cannot report progress while planning -> PRECONDITION_FAILED, no trace", async () => {
      const before = await treatmentSnapshot(api, referralId);
      await expectRefused(
        p.patient.caller.progress.report({
          referralId,
          painNow: 5,
          eveningPain: 6,
          sleepHours: 5,
          medicationDoses: 3,
        }),
        "PRECONDITION_FAILED",
        "referral.report_not_allowed_in_planning",
      );
      expect(await treatmentSnapshot(api, referralId)).toEqual(before);
    });
  });

  describe("an active episode: units, bad input, progress, reminders", () => {
    /**
     * An active episode valid from three weeks ago (2 per week x 12 weeks, 12 sessions), for a patient of its own
     * (insurer: 20 visits a year), so the visits counted this year are this episode's alone.
     */
    async function activeEpisode() {
      const parties: Parties = {
        physician: p.physician,
        therapist: p.therapist,
        patient: await api.member(SAMPLE.patient("Pete Treated")),
      };
      await parties.patient.caller.coverage.upsert(coverageInput({ visitsPerYear: 20 }));
      const ep = await signedDaysAgo(21, () =>
        activeReferral(parties, {
          rx: {
            validFrom: inDays(-21),
            sessionsPerWeek: 2,
            weeks: 12,
            totalSessions: 12,
            expiresOn: inDays(60),
          },
        }),
      );
      return { ...ep, patient: parties.patient, parties };
    }

    /** The four sessions of the 8-minute-rule test. */
    const unitCases = [
      { minutes: 7, day: -20, units: 0, billable: false, before: 6, after: 4 },
      { minutes: 8, day: -17, units: 1, billable: true, before: 5, after: 4 },
      { minutes: 23, day: -14, units: 2, billable: true, before: 5, after: 3 },
      { minutes: 53, day: -10, units: 4, billable: true, before: 4, after: 3 },
    ];

    /** The steps the episode goes through, in order: the writes of the tests of those names. */
    const steps = {
      /** "units by the 8-minute rule": four sessions. */
      fourSessions: async (referralId: string) => {
        for (const c of unitCases)
          await p.therapist.caller.session.log(
            sessionInput(referralId, {
              minutes: c.minutes,
              occurredAt: onDay(c.day),
              painBefore: c.before,
              painAfter: c.after,
            }),
          );
      },
      /** "the patient's reports": two reports. */
      twoReports: async (referralId: string, patient: Member) => {
        await patient.caller.progress.report({
          referralId,
          painNow: 4,
          eveningPain: 5,
          sleepHours: 6,
          medicationDoses: 2,
          note: "Better mornings; evenings still sore.",
        });
        await patient.caller.progress.report({
          referralId,
          painNow: 3,
          eveningPain: 4,
          sleepHours: 7.5,
          medicationDoses: 1,
          note: "Slept through the night twice.",
        });
      },
      /** "progress report due": sessions 5 and 6. */
      sixSessions: async (referralId: string) => {
        for (const day of [-7, -3])
          await p.therapist.caller.session.log(
            sessionInput(referralId, { occurredAt: onDay(day), painBefore: 4, painAfter: 2 }),
          );
      },
      /** "progress.share": the therapist's progress report to the physician. */
      shared: async (referralId: string) => {
        await p.therapist.caller.progress.share({
          referralId,
          note: "Six sessions in: pain down from 6 to 3, sleeping 7.5 hours. Recommend continuing weekly.",
        });
      },
    };
    type Step = keyof typeof steps;

    /** A fresh active episode brought through every step up to and including `last`. */
    async function episodeAfter(last: Step) {
      const ep = await activeEpisode();
      for (const [name, run] of Object.entries(steps) as [
        Step,
        (referralId: string, patient: Member) => Promise<void>,
      ][]) {
        await run(ep.referralId, ep.patient);
        if (name === last) break;
      }
      return ep;
    }

    /** For the refusals that leave no trace (they change nothing, so they may share one untouched episode). */
    let untouchedId: string;
    let untouchedPatient: Member;
    beforeAll(async () => {
      ({ referralId: untouchedId, patient: untouchedPatient } = await activeEpisode());
    });

    it("another therapist (not on the referral) -> NOT_FOUND, no trace", async () => {
      const err = await expectSessionRefused(otherTherapist, sessionInput(untouchedId), "NOT_FOUND");
      expect(err.message).toMatch(/not found/);
      await expectRefused(otherTherapist.caller.session.list({ referralId: untouchedId }), "NOT_FOUND");
    });

    const badInputs: { name: string; patch: Partial<SessionLogInput>; field: string }[] = [
      { name: "negative minutes", patch: { minutes: -5 }, field: "minutes" },
      { name: "zero minutes", patch: { minutes: 0 }, field: "minutes" },
      { name: "fractional minutes", patch: { minutes: 30.5 }, field: "minutes" },
      { name: "pain before 11", patch: { painBefore: 11 }, field: "painBefore" },
      { name: "pain after -1", patch: { painAfter: -1 }, field: "painAfter" },
      { name: "a date far in the future", patch: { occurredAt: onDay(365) }, field: "occurredAt" },
      { name: "tomorrow", patch: { occurredAt: onDay(1) }, field: "occurredAt" },
      { name: "a date that is not a date", patch: { occurredAt: "last Tuesday" }, field: "occurredAt" },
      { name: "an unknown CPT code", patch: { cptCode: "99999" as never }, field: "cptCode" },
      { name: "no technique", patch: { techniques: [] }, field: "techniques" },
      { name: "an unknown pressure", patch: { pressure: "brutal" as never }, field: "pressure" },
      { name: "no subjective note", patch: { subjective: "  " }, field: "subjective" },
    ];
    it.each(badInputs)("$name -> BAD_REQUEST naming $field, no trace", async ({ patch, field }) => {
      const err = await expectSessionRefused(p.therapist, sessionInput(untouchedId, patch), "BAD_REQUEST");
      expect(err.message.startsWith(`${field}: `), err.message).toBe(true);
    });

    it("units by the 8-minute rule: 7 min -> 0 (not billable), 8 -> 1, 23 -> 2, 53 -> 4", async () => {
      const { referralId, prescriptionId, patient } = await activeEpisode();
      const cases = unitCases;
      for (const [i, c] of cases.entries()) {
        const out = await p.therapist.caller.session.log(
          sessionInput(referralId, {
            minutes: c.minutes,
            occurredAt: onDay(c.day),
            painBefore: c.before,
            painAfter: c.after,
          }),
        );
        expect(out, `${c.minutes} min`).toMatchObject({
          units: c.units,
          billable: c.billable,
          sessionNumber: i + 1,
          authorized: 12,
          warnings: [],
          referral: { id: referralId, status: "active" },
        });
      }
      const stored = await sessionsOf(api, referralId);
      expect(stored.map((s) => [s.minutes, s.units])).toEqual(cases.map((c) => [c.minutes, c.units]));
      expect(stored.every((s) => s.prescriptionId === prescriptionId)).toBe(true);

      const logged = await eventsOf(api, referralId, "session_logged");
      expect(logged.map((e) => [e.data.minutes, e.data.units, e.data.sessionNumber])).toEqual(
        cases.map((c, i) => [c.minutes, c.units, i + 1]),
      );
      expect(logged.every((e) => e.actorRole === "therapist" && e.actorId === p.therapist.user.id)).toBe(
        true,
      );

      const listed = await patient.caller.session.list({ referralId });
      expect(listed.map((s) => [s.minutes, s.units, s.occurredAt])).toEqual(
        cases.map((c) => [c.minutes, c.units, onDay(c.day)]),
      );
    });

    it("the patient's reports are stored, on the timeline, and in the series", async () => {
      const { referralId, patient } = await episodeAfter("fourSessions");
      const r1 = await patient.caller.progress.report({
        referralId,
        painNow: 4,
        eveningPain: 5,
        sleepHours: 6,
        medicationDoses: 2,
        note: "Better mornings; evenings still sore.",
      });
      expect(r1.referral).toMatchObject({ id: referralId, status: "active" });
      const r2 = await patient.caller.progress.report({
        referralId,
        painNow: 3,
        eveningPain: 4,
        sleepHours: 7.5,
        medicationDoses: 1,
        note: "Slept through the night twice.",
      });
      const rows = await api.db
        .select()
        .from(progressReport)
        .where(eq(progressReport.referralId, referralId))
        .orderBy(asc(progressReport.createdAt));
      expect(
        rows.map((r) => [r.id, r.patientId, r.painNow, r.eveningPain, r.sleepHours, r.medicationDoses]),
      ).toEqual([
        [r1.id, patient.user.id, 4, 5, 6, 2],
        [r2.id, patient.user.id, 3, 4, 7.5, 1],
      ]);
      expect(rows[0]!.note).toBe("Better mornings; evenings still sore.");
      const events = await eventsOf(api, referralId, "progress_reported");
      expect(events.map((e) => [e.actorRole, e.data.reportId, e.data.painNow])).toEqual([
        ["patient", r1.id, 4],
        ["patient", r2.id, 3],
      ]);
    });

    it("bad reports -> BAD_REQUEST naming the field, no trace", async () => {
      const referralId = untouchedId;
      const valid = { referralId, painNow: 4, eveningPain: 5, sleepHours: 6, medicationDoses: 2 };
      for (const [patch, field] of [
        [{ painNow: 11 }, "painNow"],
        [{ eveningPain: -1 }, "eveningPain"],
        [{ sleepHours: 25 }, "sleepHours"],
        [{ medicationDoses: 2.5 }, "medicationDoses"],
      ] as const) {
        const before = await treatmentSnapshot(api, referralId);
        const err = await expectRefused(
          untouchedPatient.caller.progress.report({ ...valid, ...patch }),
          "BAD_REQUEST",
        );
        expect(err.message.startsWith(`${field}: `), err.message).toBe(true);
        expect(await treatmentSnapshot(api, referralId)).toEqual(before);
      }
    });

    it("progress.series: per-goal points (request, sessions, reports), sessions used/authorized, visits", async () => {
      const { referralId, prescriptionId, patient } = await episodeAfter("twoReports");
      const series = await p.physician.caller.progress.series({ referralId });
      expect(series.goals.map((g) => [g.measure, g.baseline, g.target, g.unit])).toEqual([
        ["pain", 6, 3, "/10"],
        ["evening_pain", 7, 3, "/10"],
        ["sleep_hours", 5, 7, "hours"],
        ["medication_doses", 3, 1, "doses/day"],
      ]);
      const [pain, evening, sleep, doses] = series.goals;
      // Points are in time order; the request's figure is the baseline point (these sessions are backdated to
      // the prescription's start, so they precede the request's own timestamp).
      const ats = pain!.points.map((pt) => pt.at);
      expect(ats).toEqual([...ats].sort());
      expect(pain!.points.filter((pt) => pt.source === "request").map((pt) => pt.value)).toEqual([6]);
      expect(pain!.points.filter((pt) => pt.source !== "request").map((pt) => [pt.source, pt.value])).toEqual(
        [
          ["session_before", 6],
          ["session_after", 4],
          ["session_before", 5],
          ["session_after", 4],
          ["session_before", 5],
          ["session_after", 3],
          ["session_before", 4],
          ["session_after", 3],
          ["patient_report", 4],
          ["patient_report", 3],
        ],
      );
      expect(pain!.points[0]!.at).toBe(onDay(-20));
      expect(evening!.points.map((pt) => pt.value)).toEqual([7, 5, 4]);
      expect(sleep!.points.map((pt) => pt.value)).toEqual([5, 6, 7.5]);
      expect(doses!.points.map((pt) => pt.value)).toEqual([3, 2, 1]);
      expect(series.goals.every((g) => g.byDate === inDays(60))).toBe(true);

      expect(series.sessions).toEqual({ used: 4, authorized: 12 });
      const thisYear = new Date().getUTCFullYear();
      const inThisYear = [-20, -17, -14, -10].filter((d) => inDays(d).startsWith(`${thisYear}-`)).length;
      expect(series.visits).toEqual({ usedThisYear: inThisYear, perYear: 20, warning: "none" });
      expect(series.prescription).toMatchObject({
        id: prescriptionId,
        validFrom: inDays(-21),
        sessionsPerWeek: 2,
      });
      expect(series.warnings).toEqual([]);
      // Every party sees the same series.
      expect(await patient.caller.progress.series({ referralId })).toEqual(series);
    });

    it("progress report due after 6 sessions without a progress report to the physician", async () => {
      const { referralId } = await episodeAfter("twoReports");
      await p.therapist.caller.session.log(
        sessionInput(referralId, { occurredAt: onDay(-7), painBefore: 4, painAfter: 2 }),
      );
      expect((await p.therapist.caller.progress.summary({ referralId })).reminder).toBeNull();
      await p.therapist.caller.session.log(
        sessionInput(referralId, { occurredAt: onDay(-3), painBefore: 4, painAfter: 2 }),
      );
      const summary = await p.therapist.caller.progress.summary({ referralId });
      expect(summary.reminder).toBe("progress_report_due");
      expect(summary.lastProgressReportAt).toBeNull();
    });

    it("progress.summary: baseline vs latest, change, percent, achieved; adherence; last report date", async () => {
      const { referralId, prescriptionId } = await episodeAfter("sixSessions");
      const summary = await p.physician.caller.progress.summary({ referralId });
      expect(summary).toMatchObject({
        referralId,
        patientName: "Pete Treated",
        status: "active",
        attended: 6,
      });
      // Latest is the newest measurement that is not "pain after treatment": the patient's second report.
      expect(
        summary.goals.map((g) => [
          g.measure,
          g.baseline,
          g.latest,
          g.change,
          g.percentOfWayToTarget,
          g.achieved,
        ]),
      ).toEqual([
        ["pain", 6, 3, -3, 100, true],
        ["evening_pain", 7, 4, -3, 75, false],
        ["sleep_hours", 5, 7.5, 2.5, 125, true],
        ["medication_doses", 3, 1, -2, 100, true],
      ]);
      expect(summary.goals.map((g) => g.direction)).toEqual([
        "lower_is_better",
        "lower_is_better",
        "higher_is_better",
        "lower_is_better",
      ]);
      // Valid from 21 days ago: 22 days counted inclusively = 4 started weeks, x 2 per week = 8 planned so far.
      expect(summary.sessions).toEqual({ used: 6, authorized: 12, plannedToDate: 8, adherencePercent: 75 });
      const [lastReport] = await api.db
        .select({ at: progressReport.createdAt })
        .from(progressReport)
        .where(eq(progressReport.referralId, referralId))
        .orderBy(asc(progressReport.createdAt))
        .then((rows) => rows.slice(-1));
      expect(summary.lastPatientReportAt).toBe(lastReport!.at.toISOString());
      expect(summary.prescription).toMatchObject({ id: prescriptionId, expiresOn: inDays(60) });
      expect(Date.parse(summary.generatedAt)).not.toBeNaN();
    });

    it("progress.share (therapist -> physician) clears the reminder, with a snapshot on the timeline", async () => {
      const { referralId } = await episodeAfter("sixSessions");
      const { referral: out } = await p.therapist.caller.progress.share({
        referralId,
        note: "Six sessions in: pain down from 6 to 3, sleeping 7.5 hours. Recommend continuing weekly.",
      });
      expect(out).toMatchObject({ id: referralId, status: "active" });
      const [shared] = await eventsOf(api, referralId, "progress_shared");
      expect(shared).toMatchObject({
        actorRole: "therapist",
        data: { sessions: { used: 6, authorized: 12 } },
      });
      expect(
        (shared!.data.goals as { name: string; achieved: boolean }[]).map((g) => [g.name, g.achieved]),
      ).toEqual([
        ["Pain", true],
        ["Evening pain", false],
        ["Sleep", true],
        ["Pain medication", true],
      ]);

      const summary = await p.physician.caller.progress.summary({ referralId });
      expect(summary.reminder).toBeNull();
      expect(summary.lastProgressReportAt).not.toBeNull();
    });

    it("the reminder comes back 30 days after the last progress report", async () => {
      const { referralId } = await episodeAfter("shared");
      await at(31 * DAY_MS, async () => {
        expect((await p.therapist.caller.progress.summary({ referralId })).reminder).toBe(
          "progress_report_due",
        );
      });
      expect((await p.therapist.caller.progress.summary({ referralId })).reminder).toBeNull();
    });

    it("an edit of the plan while active takes it out of effect: sessions refused (session.plan_not_in_effect)", async () => {
      const { referralId, parties } = await episodeAfter("shared");
      const saved = await p.physician.caller.plan.update(
        planInput(referralId, 1, { frequency: "Twice a week, 45 minutes" }),
      );
      expect(saved.version).toBe(2);
      expect((await p.therapist.caller.referral.get({ id: referralId })).status).toBe("active");

      await expectSessionRefused(
        p.therapist,
        sessionInput(referralId, { occurredAt: onDay(-2) }),
        "PRECONDITION_FAILED",
        "session.plan_not_in_effect",
      );

      await signOffPlan(parties, referralId, 2);
      const inEffect = await eventsOf(api, referralId, "plan_in_effect");
      expect(inEffect.map((e) => e.data.version)).toEqual([1, 2]);
      const out = await p.therapist.caller.session.log(sessionInput(referralId, { occurredAt: onDay(-2) }));
      expect(out).toMatchObject({ sessionNumber: 7, authorized: 12 });
    });
  });

  describe("the prescription's dates", () => {
    let referralId: string;

    beforeAll(async () => {
      // Signed 31 days ago (server clock moved back), valid from the next day for 10 days: it has expired by now.
      ({ referralId } = await signedDaysAgo(31, () =>
        activeReferral(p, {
          rx: {
            validFrom: inDays(-30),
            expiresOn: inDays(-20),
            sessionsPerWeek: 2,
            weeks: 2,
            totalSessions: 4,
          },
          // A goal's by-date falls inside the prescription's validity.
          plan: { goals: goalsFrom(REQUEST_BASELINES, inDays(-20)) },
        }),
      ));
    });

    it("a session the day before valid-from -> session.before_prescription_valid_from, no trace", async () => {
      const err = await expectSessionRefused(
        p.therapist,
        sessionInput(referralId, { occurredAt: onDay(-31, "23:30:00") }),
        "PRECONDITION_FAILED",
        "session.before_prescription_valid_from",
      );
      expect(err.message).toContain(inDays(-30));
      await expectSessionRefused(
        p.therapist,
        sessionInput(referralId, { occurredAt: onDay(-45) }),
        "PRECONDITION_FAILED",
        "session.before_prescription_valid_from",
      );
    });

    it("a session the day after expires-on -> session.after_prescription_expiry, no trace", async () => {
      const err = await expectSessionRefused(
        p.therapist,
        sessionInput(referralId, { occurredAt: onDay(-19, "00:30:00") }),
        "PRECONDITION_FAILED",
        "session.after_prescription_expiry",
      );
      expect(err.message).toContain(inDays(-20));
      await expectSessionRefused(
        p.therapist,
        sessionInput(referralId, { occurredAt: justNow() }),
        "PRECONDITION_FAILED",
        "session.after_prescription_expiry",
      );
    });

    it("both end days are inside the window", async () => {
      const first = await p.therapist.caller.session.log(
        sessionInput(referralId, { occurredAt: onDay(-30, "00:30:00") }),
      );
      const last = await p.therapist.caller.session.log(
        sessionInput(referralId, { occurredAt: onDay(-20, "23:30:00") }),
      );
      expect([first.sessionNumber, last.sessionNumber]).toEqual([1, 2]);
    });
  });

  describe("limits and warnings", () => {
    /** The session times of the tests, in order: session n is logged `SECONDS_AGO[n - 1]` seconds ago. */
    const SECONDS_AGO = [600, 500, 400, 300];

    /**
     * 4 sessions authorized; the insurer allows 3 visits a year (a patient of its own, so the visits are this
     * episode's alone). The first `sessions` sessions are already logged.
     */
    async function limitedEpisode(sessions: number) {
      const limited: Parties = {
        physician: p.physician,
        therapist: p.therapist,
        patient: await api.member(SAMPLE.patient("Lia Limited")),
      };
      await limited.patient.caller.coverage.upsert(coverageInput({ visitsPerYear: 3 }));
      // Up to 4 a week: the four sessions logged today stay within the prescribed frequency.
      const { referralId } = await signedDaysAgo(14, () =>
        activeReferral(limited, {
          rx: {
            validFrom: inDays(-14),
            sessionsPerWeek: 4,
            weeks: 1,
            totalSessions: 4,
            expiresOn: inDays(60),
          },
        }),
      );
      for (const secondsAgo of SECONDS_AGO.slice(0, sessions)) await log(referralId, secondsAgo);
      return { referralId, limited };
    }

    const log = (referralId: string, secondsAgo: number) =>
      p.therapist.caller.session.log(sessionInput(referralId, { occurredAt: justNow(secondsAgo) }));
    const warningEvents = async (referralId: string) =>
      (await eventsOf(api, referralId, "warning")).map((e) => [e.actorRole, e.data.warning]);

    it("session 1 leaves 2 insurer visits: visit_limit_near in the result and once on the timeline", async () => {
      const { referralId } = await limitedEpisode(0);
      const out = await log(referralId, 600);
      expect(out).toMatchObject({ sessionNumber: 1, authorized: 4, warnings: ["visit_limit_near"] });
      expect(await warningEvents(referralId)).toEqual([["system", "visit_limit_near"]]);
      const [w] = await eventsOf(api, referralId, "warning");
      expect(w!.data.message).toEqual(expect.any(String));
    });

    it("session 2 leaves 2 authorized sessions: two_sessions_left is added, visit_limit_near not repeated", async () => {
      const { referralId } = await limitedEpisode(1);
      const out = await log(referralId, 500);
      expect(out.sessionNumber).toBe(2);
      expect([...out.warnings].sort()).toEqual(["two_sessions_left", "visit_limit_near"]);
      expect(await warningEvents(referralId)).toEqual([
        ["system", "visit_limit_near"],
        ["system", "two_sessions_left"],
      ]);
    });

    it("sessions 3 and 4 keep the warnings in the result but add no timeline warning", async () => {
      const { referralId, limited } = await limitedEpisode(2);
      for (const [i, secondsAgo] of [400, 300].entries()) {
        const out = await log(referralId, secondsAgo);
        expect(out.sessionNumber).toBe(3 + i);
        expect([...out.warnings].sort()).toEqual(["two_sessions_left", "visit_limit_near"]);
      }
      expect(await eventsOf(api, referralId, "session_logged")).toHaveLength(4);
      const series = await limited.patient.caller.progress.series({ referralId });
      expect(series.sessions).toEqual({ used: 4, authorized: 4 });
      expect(series.visits).toEqual({ usedThisYear: 4, perYear: 3, warning: "reached" });
      expect([...series.warnings].sort()).toEqual(["two_sessions_left", "visit_limit_near"]);
      expect(await warningEvents(referralId)).toHaveLength(2);
    });

    it("a fifth session -> session.authorized_sessions_exhausted, no trace", async () => {
      const { referralId, limited } = await limitedEpisode(4);
      const err = await expectSessionRefused(
        limited.therapist,
        sessionInput(referralId, { occurredAt: justNow(200) }),
        "PRECONDITION_FAILED",
        "session.authorized_sessions_exhausted",
      );
      expect(err.message).toMatch(/All 4 authorized sessions/);
    });
  });

  describe("a prescription of 2 sessions, 97124 only, expiring in 5 days", () => {
    const short = {} as Parties;
    beforeAll(async () => {
      short.physician = p.physician;
      short.therapist = p.therapist;
      short.patient = await api.member(SAMPLE.patient("Sam Short"));
    });

    /** A fresh episode of that prescription, with `sessions` sessions logged (and, after two, a third refused). */
    async function shortEpisode(sessions: 0 | 2) {
      const { referralId } = await signedDaysAgo(10, () =>
        activeReferral(short, {
          rx: {
            validFrom: inDays(-10),
            expiresOn: inDays(5),
            sessionsPerWeek: 1,
            weeks: 2,
            totalSessions: 2,
            cptCodes: ["97124"],
          },
          plan: { goals: goalsFrom(REQUEST_BASELINES, inDays(5)) },
        }),
      );
      if (sessions === 2) {
        await short.therapist.caller.session.log(sessionInput(referralId, { occurredAt: onDay(-3) }));
        await short.therapist.caller.session.log(sessionInput(referralId, { occurredAt: onDay(-1) }));
        await expectSessionRefused(
          short.therapist,
          sessionInput(referralId, { occurredAt: justNow() }),
          "PRECONDITION_FAILED",
          "session.authorized_sessions_exhausted",
        );
      }
      return referralId;
    }

    it("a code the prescription does not allow -> session.cpt_not_prescribed, no trace", async () => {
      const referralId = await shortEpisode(0);
      await expectSessionRefused(
        short.therapist,
        sessionInput(referralId, { cptCode: "97140" }),
        "PRECONDITION_FAILED",
        "session.cpt_not_prescribed",
      );
    });

    it("two sessions are logged, with both warnings in the result", async () => {
      const referralId = await shortEpisode(0);
      const first = await short.therapist.caller.session.log(
        sessionInput(referralId, { occurredAt: onDay(-3) }),
      );
      expect(first).toMatchObject({ sessionNumber: 1, authorized: 2 });
      expect([...first.warnings].sort()).toEqual(["prescription_expires_soon", "two_sessions_left"]);
      const second = await short.therapist.caller.session.log(
        sessionInput(referralId, { occurredAt: onDay(-1) }),
      );
      expect(second).toMatchObject({ sessionNumber: 2, authorized: 2 });
    });

    it("a third -> session.authorized_sessions_exhausted, no trace", async () => {
      const referralId = await shortEpisode(0);
      for (const day of [-3, -1])
        await short.therapist.caller.session.log(sessionInput(referralId, { occurredAt: onDay(day) }));
      await expectSessionRefused(
        short.therapist,
        sessionInput(referralId, { occurredAt: justNow() }),
        "PRECONDITION_FAILED",
        "session.authorized_sessions_exhausted",
      );
      expect(await sessionsOf(api, referralId)).toHaveLength(2);
    });

    it("the timeline warned that two or fewer sessions are left (once)", async () => {
      const referralId = await shortEpisode(2);
      const warnings = (await eventsOf(api, referralId, "warning")).map((e) => e.data.warning);
      expect(warnings.filter((w) => w === "two_sessions_left")).toHaveLength(1);
    });

    it("the timeline warned that the prescription expires within 7 days (once)", async () => {
      const referralId = await shortEpisode(2);
      const warnings = (await eventsOf(api, referralId, "warning")).map((e) => e.data.warning);
      expect(warnings.filter((w) => w === "prescription_expires_soon")).toHaveLength(1);
    });
  });
});
