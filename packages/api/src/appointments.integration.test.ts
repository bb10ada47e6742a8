import { appointment, notification } from "@mm/db";
import { testDbTargets } from "@mm/db/testing";
import { type AvailabilitySetInput, addDays, startOfDay } from "@mm/domain";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { constraintError } from "./errors";
import { sendAppointmentReminders } from "./services/appointment-reminders";
import { activeReferral, type Parties } from "./testing/episode";
import {
  coverageInput,
  type errorOf,
  expectRefused,
  inDays,
  type Member,
  ruleOf,
  therapistProfileInput,
} from "./testing/referral-fixtures";
import { createTestApi, SAMPLE, type TestApi } from "./testing/test-support";
import { eventsOf, planInput, sessionInput } from "./testing/treatment-fixtures";

const NY = "America/New_York";
const HOUR = 3_600_000;

/** Every day, 09:00-17:00 in New York, hour-long clinic sessions. */
const WEEK: AvailabilitySetInput = {
  timeZone: NY,
  windows: [1, 2, 3, 4, 5, 6, 7].map((dayOfWeek) => ({
    dayOfWeek,
    start: "09:00",
    end: "17:00",
    sessionMinutes: [60],
    location: "clinic" as const,
  })),
  exceptions: [],
  lateCancelHours: 24,
  autoConfirm: false,
};

/**
 * Appointments end to end through the router: availability, open slots, booking inside the prescription (each
 * refusal names its rule and leaves no row), confirm / decline / reschedule / cancel on the write path (timeline
 * event + notification), no double booking under 20 concurrent bookings (the exclusion constraint), a cancelled
 * appointment frees its slot, bookings count toward limits as attended sessions do, authorization per role and
 * ownership.
 */
describe.each(testDbTargets())("appointments on %s", (target) => {
  let api: TestApi;
  /** The server's clock runs `shiftMs` ahead of the real one (late-cancel window). */
  let shiftMs = 0;
  let physician: Member;
  let therapist: Member;
  let otherTherapist: Member;
  let outsider: Member;

  beforeAll(async () => {
    api = await createTestApi(target, { now: () => new Date(Date.now() + shiftMs) });
    [physician, therapist, otherTherapist, outsider] = await Promise.all([
      api.member(SAMPLE.physician("Dr. Booker")),
      api.member(therapistProfileInput("Tina Timeslot")),
      api.member(therapistProfileInput("Otto Otherslot")),
      api.member(SAMPLE.patient("Olga Outsider")),
    ]);
    await therapist.caller.availability.set(WEEK);
    await otherTherapist.caller.availability.set(WEEK);
  }, 120_000);
  afterAll(async () => api?.close());

  /** A new patient with an active referral to `withTherapist` (prescription overrides in `rx`). */
  async function patientEpisode(
    rx: { totalSessions?: number; sessionsPerWeek?: number } = {},
    visitsPerYear = 50,
    withTherapist = therapist,
  ) {
    const patient = await api.member(SAMPLE.patient("Pia Patient"));
    await patient.caller.coverage.upsert(coverageInput({ visitsPerYear }));
    const parties: Parties = { patient, physician, therapist: withTherapist };
    const { referralId } = await activeReferral(parties, { rx });
    return { patient, referralId, parties };
  }

  /** 09:00 + `hour` in New York, `days` from today (UTC). */
  const nyTime = (days: number, hour = 0) =>
    new Date(startOfDay(inDays(days), NY).getTime() + (9 + hour) * HOUR);
  const book = (patient: Member, referralId: string, at: Date) =>
    patient.caller.appointment.book({
      referralId,
      startsAt: at.toISOString(),
      minutes: 60,
      location: "clinic",
    });
  const rowsAt = (at: Date) =>
    api.db
      .select()
      .from(appointment)
      .where(and(eq(appointment.startsAt, at), inArray(appointment.status, ["requested", "confirmed"])));

  it("availability round-trips for its therapist only", async () => {
    const got = await therapist.caller.availability.get();
    expect(got.timeZone).toBe(NY);
    expect(got.windows).toHaveLength(7);
    expect(got.windows[0]).toEqual({
      dayOfWeek: 1,
      start: "09:00",
      end: "17:00",
      sessionMinutes: [60],
      location: "clinic",
    });
    await expectRefused(physician.caller.availability.set(WEEK), "FORBIDDEN");
    await expectRefused(outsider.caller.availability.get(), "FORBIDDEN");
    const err = await expectRefused(
      therapist.caller.availability.set({ ...WEEK, windows: [{ ...WEEK.windows[0]!, end: "08:00" }] }),
      "BAD_REQUEST",
    );
    expect(err.message).toMatch(/windows\.0\.end/);
  });

  it("open slots are the therapist's local hours, minus what is booked; booking is on the shared timeline", async () => {
    const { patient, referralId } = await patientEpisode({ sessionsPerWeek: 3 });
    const day = inDays(3);
    const { slots, timeZone, therapistTimeZone } = await patient.caller.appointment.slots({
      referralId,
      from: day,
      to: day,
    });
    expect(timeZone).toBe("UTC");
    expect(therapistTimeZone).toBe(NY);
    // A UTC day holds the New York hours that fall on it: 09:00-17:00 is 13/14:00-21/22:00 UTC.
    expect(slots.length).toBe(8);
    const first = slots[0]!;
    expect(new Date(first.startsAt).getTime()).toBe(nyTime(3).getTime());

    const before = await api.db.select().from(notification).where(eq(notification.userId, therapist.user.id));
    const out = await book(patient, referralId, nyTime(3));
    expect(out.appointment.status).toBe("requested");
    expect(out.referral.id).toBe(referralId);
    const again = await patient.caller.appointment.slots({ referralId, from: day, to: day });
    expect(again.slots.map((s) => s.startsAt)).not.toContain(first.startsAt);

    const [event] = await eventsOf(api, referralId, "appointment_booked");
    expect(event?.actorId).toBe(patient.user.id);
    expect(event?.data).toMatchObject({
      appointmentId: out.appointment.id,
      startsAt: first.startsAt,
      status: "requested",
    });
    const after = await api.db.select().from(notification).where(eq(notification.userId, therapist.user.id));
    expect(after.length - before.length).toBe(1);
    expect(after.map((n) => n.kind)).toContain("appointment_booked");

    // The therapist confirms; the patient hears about it.
    const confirmed = await therapist.caller.appointment.confirm({ appointmentId: out.appointment.id });
    expect(confirmed.appointment.status).toBe("confirmed");
    expect(confirmed.referral.version).toBe(out.referral.version + 1);
    const told = await api.db.select().from(notification).where(eq(notification.userId, patient.user.id));
    expect(told.map((n) => n.kind)).toContain("appointment_changed");
    await expectRefused(
      therapist.caller.appointment.confirm({ appointmentId: out.appointment.id }),
      "PRECONDITION_FAILED",
      "appointment.confirm_not_allowed",
    );

    // Reschedule by the patient: asks the therapist again.
    const moved = await patient.caller.appointment.reschedule({
      appointmentId: out.appointment.id,
      startsAt: nyTime(3, 2).toISOString(),
    });
    expect(moved.appointment).toMatchObject({ status: "requested", startsAt: nyTime(3, 2).toISOString() });
    expect(await eventsOf(api, referralId, "appointment_rescheduled")).toHaveLength(1);

    // Listing: each party sees it; the physician of the referral too; an outsider does not.
    for (const who of [patient, therapist, physician]) {
      const list = await who.caller.appointment.list({ referralId });
      expect(list.map((a) => a.id)).toEqual([out.appointment.id]);
    }
    await expectRefused(outsider.caller.appointment.list({ referralId }), "NOT_FOUND");
    expect(await outsider.caller.appointment.list({})).toEqual([]);
    expect((await otherTherapist.caller.appointment.list({})).map((a) => a.id)).not.toContain(
      out.appointment.id,
    );
  });

  it("refuses what the prescription, the plan or the clock do not allow, naming the rule and writing nothing", async () => {
    const { patient, referralId } = await patientEpisode({ sessionsPerWeek: 1 });
    const refused = async (at: Date, code: "PRECONDITION_FAILED" | "CONFLICT", rule: string) => {
      const before = (await patient.caller.appointment.list({ referralId })).length;
      const err = await expectRefused(book(patient, referralId, at), code, rule);
      expect(err.message.length).toBeGreaterThan(10);
      expect((await patient.caller.appointment.list({ referralId })).length).toBe(before);
    };
    await refused(nyTime(-1), "PRECONDITION_FAILED", "appointment.in_past");
    // The fixture's prescription is valid for 90 days from today.
    await refused(nyTime(95), "PRECONDITION_FAILED", "appointment.outside_prescription_validity");
    // 09:30 is inside the hours but not a slot start.
    await refused(new Date(nyTime(4).getTime() + HOUR / 2), "PRECONDITION_FAILED", "appointment.not_offered");
    await book(patient, referralId, nyTime(1));
    // One session a week: the next day of the same prescription week is refused, the next week is fine.
    await refused(nyTime(2), "PRECONDITION_FAILED", "appointment.weekly_limit_reached");
    await book(patient, referralId, nyTime(8));
  });

  it("refuses a booking before the plan is in effect", async () => {
    const patient = await api.member(SAMPLE.patient("Early Bird"));
    const { referralId } = await activeReferral({ patient, physician, therapist });
    // A new plan version clears the approvals: the plan is no longer in effect until all three sign it off again.
    await therapist.caller.plan.update(planInput(referralId, 1));
    await expectRefused(
      book(patient, referralId, nyTime(5)),
      "PRECONDITION_FAILED",
      "appointment.plan_not_in_effect",
    );
  });

  it("bookings count toward the authorized sessions exactly as attended ones do; a cancellation frees one", async () => {
    const { patient, referralId } = await patientEpisode({ totalSessions: 2, sessionsPerWeek: 3 });
    // One attended session (logged just now) and one booked: the prescription's two are spoken for.
    await therapist.caller.session.log(sessionInput(referralId, { occurredAt: new Date().toISOString() }));
    const first = await book(patient, referralId, nyTime(13));
    await expectRefused(
      book(patient, referralId, nyTime(13, 1)),
      "PRECONDITION_FAILED",
      "appointment.authorized_sessions_exhausted",
    );
    await patient.caller.appointment.cancel({ appointmentId: first.appointment.id, reason: "Clash" });
    await book(patient, referralId, nyTime(13, 1));
  });

  it("a session logged from its appointment completes it in the same write and counts once toward the limits", async () => {
    const { patient, referralId } = await patientEpisode({ totalSessions: 2, sessionsPerWeek: 3 });
    const first = await book(patient, referralId, nyTime(20));
    const second = await book(patient, referralId, nyTime(20, 1));
    for (const a of [first, second])
      await therapist.caller.appointment.confirm({ appointmentId: a.appointment.id });
    const fromAppointment = (appointmentId: string) =>
      therapist.caller.session.log(
        sessionInput(referralId, { occurredAt: nyTime(20).toISOString(), minutes: 60, appointmentId }),
      );
    // Logged after the visit (the server's clock 90 minutes past its start).
    shiftMs = nyTime(20).getTime() - Date.now() + 1.5 * HOUR;
    try {
      // Someone else's appointment, and one that is not confirmed, are refused and nothing is written.
      const other = await patientEpisode({ sessionsPerWeek: 3 });
      const elsewhere = await book(other.patient, other.referralId, nyTime(20, 3));
      await expectRefused(fromAppointment(elsewhere.appointment.id), "NOT_FOUND");
      await expectRefused(
        otherTherapist.caller.session.log(
          sessionInput(referralId, {
            occurredAt: nyTime(20).toISOString(),
            appointmentId: first.appointment.id,
          }),
        ),
        "NOT_FOUND",
      );
      const out = await fromAppointment(first.appointment.id);
      expect(out.sessionNumber).toBe(1);
      await expectRefused(
        fromAppointment(first.appointment.id),
        "PRECONDITION_FAILED",
        "appointment.complete_not_allowed",
      );
      expect((await therapist.caller.session.list({ referralId })).length).toBe(1);
      const [row] = await api.db.select().from(appointment).where(eq(appointment.id, first.appointment.id));
      expect(row).toMatchObject({ status: "completed", sessionId: out.sessionId });
      const [logged] = await eventsOf(api, referralId, "session_logged");
      expect(logged?.data).toMatchObject({ appointmentId: first.appointment.id });
    } finally {
      shiftMs = 0;
    }
    // One attended + one booked: the prescription's two are spoken for; a cancellation leaves exactly one.
    await expectRefused(
      book(patient, referralId, nyTime(21)),
      "PRECONDITION_FAILED",
      "appointment.authorized_sessions_exhausted",
    );
    await patient.caller.appointment.cancel({ appointmentId: second.appointment.id });
    await book(patient, referralId, nyTime(21));
    await expectRefused(
      book(patient, referralId, nyTime(21, 1)),
      "PRECONDITION_FAILED",
      "appointment.authorized_sessions_exhausted",
    );
    const listed = await patient.caller.appointment.list({ referralId });
    expect(listed.find((a) => a.id === first.appointment.id)?.status).toBe("completed");
  });

  it("the schedule against the plan: per prescription week booked / attended / missed / cancelled, for the parties only", async () => {
    const { patient, referralId } = await patientEpisode({ totalSessions: 5, sessionsPerWeek: 3 });
    const a = await book(patient, referralId, nyTime(22));
    const b = await book(patient, referralId, nyTime(22, 2));
    await patient.caller.appointment.cancel({ appointmentId: b.appointment.id });
    await book(patient, referralId, nyTime(23));
    const d = await book(patient, referralId, nyTime(22, 4));
    for (const x of [a, d]) await therapist.caller.appointment.confirm({ appointmentId: x.appointment.id });
    shiftMs = nyTime(22, 5).getTime() - Date.now() + HOUR / 4;
    try {
      await therapist.caller.session.log(
        sessionInput(referralId, { occurredAt: nyTime(22).toISOString(), appointmentId: a.appointment.id }),
      );
      await therapist.caller.appointment.markNoShow({ appointmentId: d.appointment.id });
    } finally {
      shiftMs = 0;
    }
    const summary = await physician.caller.appointment.scheduleSummary({ referralId });
    expect(summary.prescription).toMatchObject({
      sessionsPerWeek: 3,
      totalSessions: 5,
      attended: 1,
      booked: 1,
    });
    // The fixture's prescription starts today (the patient's UTC day): day 22 is in its fourth week.
    const week = summary.weeks[3];
    expect(week).toMatchObject({ week: 4, from: inDays(21), to: inDays(27), prescribed: 3 });
    expect(week).toMatchObject({ booked: 1, attended: 1, noShow: 1, cancelled: 1 });
    expect(summary.weeks.filter((w) => w !== week).every((w) => w.booked + w.attended === 0)).toBe(true);
    // A visit is booked ahead: on track.
    expect(summary.alert).toBeNull();
    for (const party of [patient, therapist])
      expect((await party.caller.appointment.scheduleSummary({ referralId })).weeks).toEqual(summary.weeks);
    await expectRefused(outsider.caller.appointment.scheduleSummary({ referralId }), "NOT_FOUND");
    await expectRefused(otherTherapist.caller.appointment.scheduleSummary({ referralId }), "NOT_FOUND");
    await expectRefused(api.anonymous.appointment.scheduleSummary({ referralId }), "UNAUTHORIZED");
  });

  it("the physician is alerted when nothing is booked for 10 days while sessions remain", async () => {
    const { referralId } = await patientEpisode({ totalSessions: 4, sessionsPerWeek: 2 });
    // Just signed: not behind yet.
    expect((await physician.caller.appointment.scheduleSummary({ referralId })).alert).toBeNull();
    shiftMs = 11 * 24 * HOUR;
    try {
      const { alert } = await physician.caller.appointment.scheduleSummary({ referralId });
      expect(alert?.message).toBe("No visit booked in the last 10 days while 4 sessions remain.");
    } finally {
      shiftMs = 0;
    }
  });

  it("bookings count toward the insurer's visits per year", async () => {
    const { patient, referralId } = await patientEpisode({ sessionsPerWeek: 7 }, 1);
    await book(patient, referralId, nyTime(14));
    await expectRefused(
      book(patient, referralId, nyTime(14, 3)),
      "PRECONDITION_FAILED",
      "appointment.visit_limit_reached",
    );
  });

  it("refuses a patient's overlapping appointment with another therapist", async () => {
    const { patient, referralId } = await patientEpisode({ sessionsPerWeek: 3 });
    const { referralId: second } = await activeReferral({ patient, physician, therapist: otherTherapist });
    await book(patient, referralId, nyTime(6, 1));
    await expectRefused(
      book(patient, second, nyTime(6, 1)),
      "PRECONDITION_FAILED",
      "appointment.patient_overlap",
    );
  });

  it("20 concurrent bookings of one slot: exactly one wins, the others get CONFLICT naming the slot; a cancellation frees it", async () => {
    const episodes = [];
    for (let i = 0; i < 20; i += 5)
      episodes.push(
        ...(await Promise.all([0, 1, 2, 3, 4].map(() => patientEpisode({ sessionsPerWeek: 3 })))),
      );
    const at = nyTime(10, 4);
    const results = await Promise.allSettled(episodes.map((e) => book(e.patient, e.referralId, at)));
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.flatMap((r) =>
      r.status === "rejected" ? [r.reason as Awaited<ReturnType<typeof errorOf>>] : [],
    );
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    for (const e of lost) {
      expect(e.code).toBe("CONFLICT");
      expect(ruleOf(e)).toBe("appointment.slot_taken");
      expect(e.message).toMatch(/choose another slot/);
    }
    expect(await rowsAt(at)).toHaveLength(1);

    // The winner cancels well ahead (not a late cancel): the slot is open again and another patient takes it.
    const winner = episodes[results.findIndex((r) => r.status === "fulfilled")]!;
    const [row] = await rowsAt(at);
    const cancelled = await winner.patient.caller.appointment.cancel({ appointmentId: row!.id });
    expect(cancelled.appointment.status).toBe("cancelled");
    const day = inDays(10);
    const other = episodes.find((e) => e !== winner)!;
    const { slots } = await other.patient.caller.appointment.slots({
      referralId: other.referralId,
      from: addDays(day, -1),
      to: addDays(day, 1),
    });
    expect(slots.map((s) => s.startsAt)).toContain(at.toISOString());
    await book(other.patient, other.referralId, at);
    expect(await rowsAt(at)).toHaveLength(1);
  }, 300_000);

  it("the database's exclusion constraint, hit past the code's check, maps to the same CONFLICT", async () => {
    const { patient, referralId } = await patientEpisode({ sessionsPerWeek: 3 });
    const { appointment: a } = await book(patient, referralId, nyTime(15, 2));
    // Written straight to the table, as a booking racing past the check would be.
    const raw = await api.db
      .insert(appointment)
      .values({
        referralId,
        therapistId: therapist.user.id,
        patientId: outsider.user.id,
        startsAt: new Date(nyTime(15, 2).getTime() + HOUR / 2),
        endsAt: new Date(nyTime(15, 3).getTime() + HOUR / 2),
        minutes: 60,
        location: "clinic",
        status: "requested",
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(constraintError(raw)).toMatchObject({ kind: "conflict", rule: "appointment.slot_taken" });
    expect(constraintError(new Error("something else"))).toBeNull();
    expect(a.status).toBe("requested");
  });

  it("a cancellation inside the therapist's window is a late cancel; the therapist's own is not; decline frees the slot", async () => {
    const { patient, referralId } = await patientEpisode({ sessionsPerWeek: 7 });
    const a = await book(patient, referralId, nyTime(4, 5));
    const b = await book(patient, referralId, nyTime(4, 6));
    const c = await book(patient, referralId, nyTime(4, 7));
    shiftMs = nyTime(4, 5).getTime() - Date.now() - 2 * HOUR;
    try {
      const late = await patient.caller.appointment.cancel({
        appointmentId: a.appointment.id,
        reason: "Sick",
      });
      expect(late.appointment.status).toBe("late_cancel");
      const byTherapist = await therapist.caller.appointment.cancel({ appointmentId: b.appointment.id });
      expect(byTherapist.appointment.status).toBe("cancelled");
    } finally {
      shiftMs = 0;
    }
    // Missed: only once it has started, only by the therapist, and the slot counts toward nothing.
    const d = await book(patient, referralId, nyTime(4, 2));
    await expectRefused(
      therapist.caller.appointment.markNoShow({ appointmentId: d.appointment.id }),
      "PRECONDITION_FAILED",
      "appointment.no_show_not_allowed",
    );
    await therapist.caller.appointment.confirm({ appointmentId: d.appointment.id });
    await expectRefused(
      therapist.caller.appointment.markNoShow({ appointmentId: d.appointment.id }),
      "PRECONDITION_FAILED",
      "appointment.not_started",
    );
    await expectRefused(
      patient.caller.appointment.markNoShow({ appointmentId: d.appointment.id }),
      "FORBIDDEN",
    );
    shiftMs = nyTime(4, 2).getTime() - Date.now() + HOUR / 4;
    try {
      const missed = await therapist.caller.appointment.markNoShow({ appointmentId: d.appointment.id });
      expect(missed.appointment.status).toBe("no_show");
    } finally {
      shiftMs = 0;
    }
    expect(await eventsOf(api, referralId, "appointment_missed")).toHaveLength(1);
    const declined = await therapist.caller.appointment.decline({
      appointmentId: c.appointment.id,
      reason: "Away",
    });
    expect(declined.appointment).toMatchObject({ status: "declined", reason: "Away" });
    expect(await rowsAt(nyTime(4, 7))).toHaveLength(0);
    const cancelledEvents = await eventsOf(api, referralId, "appointment_cancelled");
    expect(cancelledEvents.map((e) => (e.data as { status: string }).status)).toEqual([
      "late_cancel",
      "cancelled",
    ]);
    await expectRefused(
      patient.caller.appointment.cancel({ appointmentId: a.appointment.id }),
      "PRECONDITION_FAILED",
      "appointment.cancel_not_allowed",
    );
  });

  it("the 24-hour reminder goes to the patient and the therapist once; a reschedule earns a new one", async () => {
    const { patient, referralId } = await patientEpisode({ sessionsPerWeek: 7 });
    const { appointment: a } = await book(patient, referralId, nyTime(16, 6));
    const reminders = (userId: string) =>
      api.db
        .select()
        .from(notification)
        .where(
          and(
            eq(notification.userId, userId),
            eq(notification.kind, "appointment_reminder"),
            eq(notification.referralId, referralId),
          ),
        );
    // 25 hours before: not yet; 23 hours before: both parties, once however often the job runs.
    const before = (h: number) => new Date(nyTime(16, 6).getTime() - h * HOUR);
    await sendAppointmentReminders(api.db, before(25));
    expect(await reminders(patient.user.id)).toHaveLength(0);
    expect(await sendAppointmentReminders(api.db, before(23))).toBeGreaterThanOrEqual(1);
    await sendAppointmentReminders(api.db, before(22));
    expect(await reminders(patient.user.id)).toHaveLength(1);
    expect(await reminders(therapist.user.id)).toHaveLength(1);
    // Moved two hours later: reminded again before the new time; a cancelled one never is.
    await patient.caller.appointment.reschedule({
      appointmentId: a.id,
      startsAt: nyTime(16, 7).toISOString(),
    });
    await sendAppointmentReminders(api.db, before(22));
    expect(await reminders(patient.user.id)).toHaveLength(2);
    const { appointment: c } = await book(patient, referralId, nyTime(17, 6));
    await patient.caller.appointment.cancel({ appointmentId: c.id });
    await sendAppointmentReminders(api.db, new Date(nyTime(17, 6).getTime() - 23 * HOUR));
    expect(await reminders(patient.user.id)).toHaveLength(2);
  });

  it("authorization: roles and ownership (someone else's appointment is NOT_FOUND)", async () => {
    const { patient, referralId } = await patientEpisode({ sessionsPerWeek: 3 });
    const { appointment: a } = await book(patient, referralId, nyTime(12, 1));
    const id = { appointmentId: a.id };
    await expectRefused(
      outsider.caller.appointment.book({
        referralId,
        startsAt: nyTime(12, 2).toISOString(),
        minutes: 60,
        location: "clinic",
      }),
      "NOT_FOUND",
    );
    await expectRefused(
      outsider.caller.appointment.slots({ referralId, from: inDays(1), to: inDays(2) }),
      "NOT_FOUND",
    );
    await expectRefused(outsider.caller.appointment.cancel(id), "NOT_FOUND");
    await expectRefused(
      outsider.caller.appointment.reschedule({ ...id, startsAt: nyTime(12, 3).toISOString() }),
      "NOT_FOUND",
    );
    await expectRefused(otherTherapist.caller.appointment.confirm(id), "NOT_FOUND");
    await expectRefused(otherTherapist.caller.appointment.decline(id), "NOT_FOUND");
    await expectRefused(otherTherapist.caller.appointment.cancel(id), "NOT_FOUND");
    await expectRefused(physician.caller.appointment.confirm(id), "FORBIDDEN");
    await expectRefused(physician.caller.appointment.cancel(id), "FORBIDDEN");
    await expectRefused(patient.caller.appointment.confirm(id), "FORBIDDEN");
    await expectRefused(
      therapist.caller.appointment.book({
        referralId,
        startsAt: nyTime(12, 2).toISOString(),
        minutes: 60,
        location: "clinic",
      }),
      "FORBIDDEN",
    );
    await expectRefused(api.anonymous.appointment.list({}), "UNAUTHORIZED");
    // Nothing changed.
    expect((await patient.caller.appointment.list({ referralId }))[0]?.status).toBe("requested");
  });
});
