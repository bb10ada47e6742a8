import { randomUUID } from "node:crypto";
import { appointment, type Db, type Tx } from "@mm/db";
import {
  type AppointmentAction,
  type AppointmentBookInput,
  type AvailabilitySetInput,
  assertAppointmentAction,
  assertReferralVersion,
  assertStarted,
  bookingCheck,
  cancellationStatus,
  dayIn,
  endOfDay,
  fallingBehind,
  isLiveAppointment,
  isOfferedSlot,
  notFound,
  openSlots,
  planInEffect,
  ruleViolation,
  scheduleWeeks,
  startOfDay,
  type TimelineEventType,
  todayIso,
} from "@mm/domain";
import { and, eq } from "drizzle-orm";
import type { SessionUser } from "../context";
import {
  type AppointmentRow,
  appointmentsFor,
  bookedCounts,
  busyIntervals,
  lockAppointment,
  referralAppointments,
  referralOfAppointment,
  replaceSchedule,
  type Schedule,
  scheduleOf,
} from "../queries/appointments";
import { patientTimeZone } from "../queries/patient-zone";
import { type LockedReferral, loadReferral, lockReferral } from "../queries/referral";
import { sessionLogFacts } from "../queries/session-log";
import { calendarYearOf } from "../queries/visits";
import { audit } from "./audit";
import { iso } from "./dates";
import { changeReferral } from "./write-path";

/**
 * Appointments inside a referral. Every booking and change goes through the write path (the referral's version
 * bumps, the event lands on the shared timeline and notifies the other party, in one statement); the rules come
 * from `@mm/domain` (`bookingCheck`), the facts are read under the referral's lock, and the database's exclusion
 * constraint settles two bookings of one slot on different referrals (CONFLICT `appointment.slot_taken`).
 */

const DEFAULT_SCHEDULE = (timeZone: string): Schedule => ({
  timeZone,
  windows: [],
  exceptions: [],
  lateCancelHours: 24,
  autoConfirm: false,
});

/** The therapist's schedule; before they set one, an empty week in their own zone. */
export async function getAvailability(db: Db, me: SessionUser) {
  return (await scheduleOf(db, me.id)) ?? DEFAULT_SCHEDULE(await patientTimeZone(db, me.id));
}

export async function setAvailability(db: Db, me: SessionUser, input: AvailabilitySetInput) {
  await db.transaction((tx) => replaceSchedule(tx, me.id, input));
  return getAvailability(db, me);
}

/** The referral's therapist (accepted), or a named refusal. */
function therapistOf(r: { therapistId: string | null; status: string }): string {
  if (!r.therapistId || (r.status !== "active" && r.status !== "planning"))
    throw ruleViolation(
      "appointment.no_therapist",
      "Appointments can be booked once a therapist has accepted the referral.",
    );
  return r.therapistId;
}

/** Open slots with the referral's therapist for days `from`..`to` of the patient's zone. */
export async function appointmentSlots(
  db: Db,
  me: SessionUser,
  input: { referralId: string; from: string; to: string },
  now: Date,
) {
  const r = await loadReferral(db, me, input.referralId);
  const therapistId = therapistOf(r);
  const [schedule, zone] = await Promise.all([scheduleOf(db, therapistId), patientTimeZone(db, r.patientId)]);
  const range = { start: startOfDay(input.from, zone), end: endOfDay(input.to, zone) };
  if (!schedule) return { timeZone: zone, therapistTimeZone: null, slots: [] };
  const [therapistBusy, patientBusy] = await Promise.all([
    busyIntervals(db, { therapistId }, range),
    busyIntervals(db, { patientId: r.patientId }, range),
  ]);
  // The therapist's days that can hold a slot inside the patient's range (zones differ by up to a day).
  const slots = openSlots({
    availability: schedule,
    from: dayIn(range.start, schedule.timeZone),
    to: dayIn(new Date(range.end.getTime() - 1), schedule.timeZone),
    busy: [...therapistBusy, ...patientBusy],
    now,
  }).filter((s) => s.start >= range.start && s.end <= range.end);
  return {
    timeZone: zone,
    therapistTimeZone: schedule.timeZone,
    slots: slots.map((s) => ({
      startsAt: iso(s.start),
      endsAt: iso(s.end),
      minutes: s.minutes,
      location: s.location,
    })),
  };
}

/** Everything `bookingCheck` needs, read under the referral's lock. */
async function checkBooking(
  tx: Tx,
  r: LockedReferral,
  therapistId: string,
  slot: { start: Date; end: Date },
  now: Date,
  except?: string,
) {
  const zone = await patientTimeZone(tx, r.patientId);
  const year = calendarYearOf(slot.start, zone);
  const facts = await sessionLogFacts(tx, r, year);
  const [booked, therapistBusy, patientBusy] = await Promise.all([
    bookedCounts(tx, r, year, except),
    busyIntervals(tx, { therapistId }, slot, except),
    busyIntervals(tx, { patientId: r.patientId }, slot, except),
  ]);
  bookingCheck({
    now,
    start: slot.start,
    end: slot.end,
    patientTimeZone: zone,
    planInEffect: facts ? planInEffect(facts.plan) : false,
    rx: facts?.rx ?? null,
    attended: facts?.used ?? 0,
    booked: booked.referralStarts.length,
    takenDays: [...(facts?.loggedAt ?? []), ...booked.referralStarts].map((at) => dayIn(at, zone)),
    visitsPerYear: facts?.visitsPerYear ?? null,
    visitsInYear: (facts?.visitsUsedThisYear ?? 0) + booked.inYear,
    therapistBusy,
    patientBusy,
  });
}

function offered(
  schedule: Schedule | null,
  slot: { start: Date; minutes: number; location: "clinic" | "home" },
  now: Date,
) {
  if (!schedule || !isOfferedSlot(schedule, slot, now))
    throw ruleViolation(
      "appointment.not_offered",
      "The therapist does not offer that time: choose one of the open slots.",
    );
  return schedule;
}

const view = (
  a: Pick<AppointmentRow, "id" | "startsAt" | "endsAt" | "minutes" | "location" | "status" | "reason">,
) => ({
  id: a.id,
  startsAt: iso(a.startsAt),
  endsAt: iso(a.endsAt),
  minutes: a.minutes,
  location: a.location,
  status: a.status,
  reason: a.reason,
});

/** Timeline data for an appointment event: when, how long, where and its status; no note, no reason text. */
const eventData = (a: { id: string; startsAt: Date; minutes: number; location: string; status: string }) => ({
  appointmentId: a.id,
  startsAt: iso(a.startsAt),
  minutes: a.minutes,
  location: a.location,
  status: a.status,
});

/** The patient books an open slot with their therapist. */
export async function bookAppointment(db: Db, me: SessionUser, input: AppointmentBookInput, now: Date) {
  const out = await changeReferral(
    db,
    me,
    (tx) => lockReferral(tx, me, input.referralId),
    async (tx, current) => {
      assertReferralVersion(input.expectedVersion, current.version);
      const therapistId = therapistOf(current);
      const start = new Date(input.startsAt);
      const slot = { start, end: new Date(start.getTime() + input.minutes * 60_000) };
      await checkBooking(tx, current, therapistId, slot, now);
      const schedule = offered(
        await scheduleOf(tx, therapistId),
        { start, minutes: input.minutes, location: input.location },
        now,
      );
      const row = {
        id: randomUUID(),
        referralId: current.id,
        therapistId,
        patientId: current.patientId,
        startsAt: slot.start,
        endsAt: slot.end,
        minutes: input.minutes,
        location: input.location,
        status: schedule.autoConfirm ? ("confirmed" as const) : ("requested" as const),
        reason: null,
      };
      return {
        writes: [tx.insert(appointment).values(row).getSQL()],
        effects: [{ kind: "event", type: "appointment_booked", data: eventData(row) }],
        audit: { action: "appointment.book", entity: "appointment", entityId: row.id },
        result: view(row),
      };
    },
  );
  return { referral: out.referral, appointment: out.result };
}

type Change = (
  tx: Tx,
  current: LockedReferral,
  appt: AppointmentRow,
) => Promise<{ set: Partial<AppointmentRow>; event: TimelineEventType }>;

/** A change to one appointment: lock its referral (access check), lock the row, check the action, close on the write path. */
async function changeAppointment(
  db: Db,
  me: SessionUser,
  appointmentId: string,
  action: AppointmentAction,
  change: Change,
) {
  const referralId = await referralOfAppointment(db, appointmentId);
  if (!referralId) throw notFound("appointment");
  const out = await changeReferral(
    db,
    me,
    (tx) => lockReferral(tx, me, referralId),
    async (tx, current) => {
      const appt = await lockAppointment(tx, appointmentId, referralId);
      // The patient's own, or the therapist's own: a physician or another therapist on the record cannot act on it.
      const party = me.id === appt?.patientId || me.id === appt?.therapistId;
      if (!appt || !party) throw notFound("appointment");
      assertAppointmentAction(action, appt.status, me.role);
      const { set, event } = await change(tx, current, appt);
      const next = { ...appt, ...set };
      return {
        writes: [
          tx
            .update(appointment)
            .set({ ...set, updatedAt: new Date() })
            .where(and(eq(appointment.id, appt.id)))
            .getSQL(),
        ],
        effects: [{ kind: "event", type: event, data: eventData(next) }],
        audit: { action: `appointment.${action}`, entity: "appointment", entityId: appt.id },
        result: view(next),
      };
    },
  );
  return { referral: out.referral, appointment: out.result };
}

export const confirmAppointment = (db: Db, me: SessionUser, id: string) =>
  changeAppointment(db, me, id, "confirm", async () => ({
    set: { status: "confirmed" },
    event: "appointment_confirmed",
  }));

export const declineAppointment = (db: Db, me: SessionUser, id: string, reason: string | undefined) =>
  changeAppointment(db, me, id, "decline", async () => ({
    set: { status: "declined", reason: reason ?? null },
    event: "appointment_declined",
  }));

export const cancelAppointment = (
  db: Db,
  me: SessionUser,
  id: string,
  reason: string | undefined,
  now: Date,
) =>
  changeAppointment(db, me, id, "cancel", async (tx, _current, appt) => {
    const schedule = await scheduleOf(tx, appt.therapistId);
    const status = cancellationStatus({
      start: appt.startsAt,
      now,
      lateCancelHours: schedule?.lateCancelHours ?? 0,
      by: me.role === "therapist" ? "therapist" : "patient",
    });
    return { set: { status, reason: reason ?? null }, event: "appointment_cancelled" };
  });

/** The therapist marks a started appointment missed (the patient did not come); it counts toward no limit. */
export const markNoShow = (db: Db, me: SessionUser, id: string, now: Date) =>
  changeAppointment(db, me, id, "no_show", async (_tx, _current, appt) => {
    assertStarted(appt.startsAt, now);
    return { set: { status: "no_show" }, event: "appointment_missed" };
  });

/** Moves an appointment to another open slot of the same length and place, checked as a new booking. */
export const rescheduleAppointment = (db: Db, me: SessionUser, id: string, startsAt: string, now: Date) =>
  changeAppointment(db, me, id, "reschedule", async (tx, current, appt) => {
    const start = new Date(startsAt);
    const slot = { start, end: new Date(start.getTime() + appt.minutes * 60_000) };
    await checkBooking(tx, current, appt.therapistId, slot, now, appt.id);
    const schedule = offered(
      await scheduleOf(tx, appt.therapistId),
      { start, minutes: appt.minutes, location: appt.location },
      now,
    );
    // The therapist moving it agrees to the new time; the patient asks again unless the therapist auto-confirms.
    const status = me.role === "therapist" || schedule.autoConfirm ? "confirmed" : "requested";
    // A new time gets its own 24-hour reminder.
    return {
      set: { startsAt: slot.start, endsAt: slot.end, status, remindedAt: null },
      event: "appointment_rescheduled",
    };
  });

export async function listAppointments(
  db: Db,
  me: SessionUser,
  input: { referralId?: string; from?: string; to?: string },
) {
  if (input.referralId) await loadReferral(db, me, input.referralId);
  const rows = await appointmentsFor(db, me, {
    referralId: input.referralId,
    from: input.from ? new Date(input.from) : undefined,
    to: input.to ? new Date(input.to) : undefined,
  });
  const referralIds = [...new Set(rows.map((r) => r.referralId))];
  await audit(
    db,
    me,
    referralIds.map((referralId) => ({ action: "appointment.list", referralId, entity: "appointment" })),
  );
  return rows.map((r) => ({
    ...view(r),
    referralId: r.referralId,
    patientName: r.patientName,
    therapistName: r.therapistName,
  }));
}

/**
 * The schedule against the plan, for the referral's parties (an invited therapist who did not take it gets
 * NOT_FOUND): per prescription week the booked, attended, missed and cancelled visits next to the prescribed
 * frequency, and the alert when the patient is falling behind. Days are the patient's.
 */
export async function scheduleSummary(db: Db, me: SessionUser, referralId: string, now: Date) {
  const r = await loadReferral(db, me, referralId);
  if (me.role === "therapist" && r.therapistId !== me.id) throw notFound("referral");
  const timeZone = await patientTimeZone(db, r.patientId);
  const [facts, appointments] = await Promise.all([
    sessionLogFacts(db, r, calendarYearOf(now, timeZone)),
    referralAppointments(db, r.id),
  ]);
  await audit(db, me, { action: "appointment.schedule_summary", referralId: r.id, entity: "appointment" });
  if (!facts) return { timeZone, prescription: null, weeks: [], alert: null };
  const { rx } = facts;
  const live = appointments.filter((a) => isLiveAppointment(a.status));
  return {
    timeZone,
    prescription: {
      validFrom: rx.validFrom,
      expiresOn: rx.expiresOn,
      sessionsPerWeek: rx.sessionsPerWeek,
      totalSessions: rx.totalSessions,
      attended: facts.used,
      booked: live.length,
    },
    weeks: scheduleWeeks({
      validFrom: rx.validFrom,
      expiresOn: rx.expiresOn,
      sessionsPerWeek: rx.sessionsPerWeek,
      appointments: appointments.map((a) => ({ day: dayIn(a.startsAt, timeZone), status: a.status })),
      sessionDays: facts.loggedAt.map((at) => dayIn(at, timeZone)),
    }),
    alert: fallingBehind({
      now,
      expiresOn: rx.expiresOn,
      today: todayIso(now, timeZone),
      authorized: rx.totalSessions,
      attended: facts.used,
      upcoming: live.filter((a) => a.startsAt > now).length,
      activity: [rx.signedAt, ...appointments.map((a) => a.createdAt), ...facts.loggedAt],
    }),
  };
}
