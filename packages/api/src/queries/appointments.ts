import {
  appointment,
  availabilityException,
  availabilityWindow,
  calendarFeed,
  type DbOrTx,
  referral,
  type Tx,
  therapistSchedule,
  user,
} from "@mm/db";
import type { Availability, AvailabilitySetInput, Interval } from "@mm/domain";
import { and, asc, eq, gt, gte, inArray, lt, ne, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { SessionUser } from "../context";
import { referralVisibleTo } from "./referral";

export type AppointmentRow = typeof appointment.$inferSelect;
export type Schedule = Availability & { lateCancelHours: number; autoConfirm: boolean };

const LIVE = ["requested", "confirmed"] as const;
const live = inArray(appointment.status, [...LIVE]);

/** A therapist's schedule (settings, weekly windows, time off), or null before they set one. */
export async function scheduleOf(db: DbOrTx, therapistId: string): Promise<Schedule | null> {
  const [settings] = await db
    .select()
    .from(therapistSchedule)
    .where(eq(therapistSchedule.therapistId, therapistId));
  if (!settings) return null;
  const [windows, exceptions] = await Promise.all([
    db
      .select()
      .from(availabilityWindow)
      .where(eq(availabilityWindow.therapistId, therapistId))
      .orderBy(asc(availabilityWindow.dayOfWeek), asc(availabilityWindow.startTime)),
    db
      .select()
      .from(availabilityException)
      .where(eq(availabilityException.therapistId, therapistId))
      .orderBy(asc(availabilityException.fromDay)),
  ]);
  return {
    timeZone: settings.timeZone,
    lateCancelHours: settings.lateCancelHours,
    autoConfirm: settings.autoConfirm,
    windows: windows.map((w) => ({
      dayOfWeek: w.dayOfWeek,
      start: w.startTime,
      end: w.endTime,
      sessionMinutes: w.sessionMinutes as Availability["windows"][number]["sessionMinutes"],
      location: w.location,
    })),
    exceptions: exceptions.map((x) => ({ from: x.fromDay, to: x.toDay, reason: x.reason ?? undefined })),
  };
}

/** Replaces a therapist's whole schedule (a form saves it as one). */
export async function replaceSchedule(tx: Tx, therapistId: string, input: AvailabilitySetInput) {
  const settings = {
    timeZone: input.timeZone,
    lateCancelHours: input.lateCancelHours,
    autoConfirm: input.autoConfirm,
  };
  await tx
    .insert(therapistSchedule)
    .values({ therapistId, ...settings })
    .onConflictDoUpdate({
      target: therapistSchedule.therapistId,
      set: { ...settings, updatedAt: new Date() },
    });
  await tx.delete(availabilityWindow).where(eq(availabilityWindow.therapistId, therapistId));
  await tx.delete(availabilityException).where(eq(availabilityException.therapistId, therapistId));
  if (input.windows.length > 0)
    await tx.insert(availabilityWindow).values(
      input.windows.map((w) => ({
        therapistId,
        dayOfWeek: w.dayOfWeek,
        startTime: w.start,
        endTime: w.end,
        sessionMinutes: [...w.sessionMinutes],
        location: w.location,
      })),
    );
  if (input.exceptions.length > 0)
    await tx.insert(availabilityException).values(
      input.exceptions.map((x) => ({
        therapistId,
        fromDay: x.from,
        toDay: x.to,
        reason: x.reason ?? null,
      })),
    );
}

/** Live appointments of a therapist or a patient overlapping [from, to), minus `except` (the one being moved). */
export async function busyIntervals(
  db: DbOrTx,
  who: { therapistId: string } | { patientId: string },
  range: Interval,
  except?: string,
): Promise<Interval[]> {
  const person =
    "therapistId" in who
      ? eq(appointment.therapistId, who.therapistId)
      : eq(appointment.patientId, who.patientId);
  return db
    .select({ start: appointment.startsAt, end: appointment.endsAt })
    .from(appointment)
    .where(
      and(
        person,
        live,
        lt(appointment.startsAt, range.end),
        gt(appointment.endsAt, range.start),
        except ? ne(appointment.id, except) : undefined,
      ),
    );
}

/**
 * Booked visits a new booking is counted with: the referral's live appointments (their starts, for the weekly
 * count), and the patient's live appointments on any referral inside `year` (the insurer's visit year).
 */
export async function bookedCounts(
  db: DbOrTx,
  r: { id: string; patientId: string },
  year: Interval,
  except?: string,
): Promise<{ referralStarts: Date[]; inYear: number }> {
  const notThis = except ? ne(appointment.id, except) : undefined;
  const [starts, [yearCount]] = await Promise.all([
    db
      .select({ at: appointment.startsAt })
      .from(appointment)
      .where(and(eq(appointment.referralId, r.id), live, notThis)),
    db
      .select({ n: sql<number>`count(*)::int`.mapWith(Number) })
      .from(appointment)
      .where(
        and(
          eq(appointment.patientId, r.patientId),
          live,
          gte(appointment.startsAt, year.start),
          lt(appointment.startsAt, year.end),
          notThis,
        ),
      ),
  ]);
  return { referralStarts: starts.map((s) => s.at), inYear: yearCount?.n ?? 0 };
}

/** Which referral an appointment belongs to (the caller then locks the referral, which checks access). */
export async function referralOfAppointment(db: DbOrTx, appointmentId: string): Promise<string | null> {
  const [row] = await db
    .select({ referralId: appointment.referralId })
    .from(appointment)
    .where(eq(appointment.id, appointmentId));
  return row?.referralId ?? null;
}

/** The appointment, locked for the rest of the transaction, if it is on `referralId`. */
export async function lockAppointment(tx: Tx, appointmentId: string, referralId: string) {
  const [row] = await tx
    .select()
    .from(appointment)
    .where(and(eq(appointment.id, appointmentId), eq(appointment.referralId, referralId)))
    .for("update");
  return row ?? null;
}

const patientUser = alias(user, "patient_user");
const therapistUser = alias(user, "therapist_user");

/** Appointments the user takes part in (or, for a physician, on referrals addressed to them), by start. */
export async function appointmentsFor(
  db: DbOrTx,
  me: SessionUser,
  filter: { referralId?: string; from?: Date; to?: Date },
) {
  const conditions: (SQL | undefined)[] = [
    referralVisibleTo(me),
    me.role === "therapist" ? eq(appointment.therapistId, me.id) : undefined,
    filter.referralId ? eq(appointment.referralId, filter.referralId) : undefined,
    filter.from ? gt(appointment.endsAt, filter.from) : undefined,
    filter.to ? lt(appointment.startsAt, filter.to) : undefined,
  ];
  return db
    .select({
      id: appointment.id,
      referralId: appointment.referralId,
      startsAt: appointment.startsAt,
      endsAt: appointment.endsAt,
      minutes: appointment.minutes,
      location: appointment.location,
      status: appointment.status,
      reason: appointment.reason,
      patientName: patientUser.name,
      therapistName: therapistUser.name,
      therapistId: appointment.therapistId,
    })
    .from(appointment)
    .innerJoin(referral, eq(referral.id, appointment.referralId))
    .innerJoin(patientUser, eq(patientUser.id, appointment.patientId))
    .innerJoin(therapistUser, eq(therapistUser.id, appointment.therapistId))
    .where(and(...conditions))
    .orderBy(asc(appointment.startsAt))
    .limit(500);
}

/** What a calendar entry (.ics event) shows of an appointment. */
const feedColumns = {
  id: appointment.id,
  startsAt: appointment.startsAt,
  endsAt: appointment.endsAt,
  location: appointment.location,
  status: appointment.status,
  updatedAt: appointment.updatedAt,
};

/** The user takes part in the appointment, as patient or therapist. */
const isParty = (userId: string) =>
  sql`(${appointment.patientId} = ${userId} or ${appointment.therapistId} = ${userId})`;

/** The appointments a calendar feed lists: the user's own, as patient or therapist, from 30 days back. */
export async function feedAppointments(db: DbOrTx, userId: string, since: Date) {
  return db
    .select(feedColumns)
    .from(appointment)
    .where(and(isParty(userId), gte(appointment.startsAt, since)))
    .orderBy(asc(appointment.startsAt))
    .limit(1000);
}

/** One appointment of the user's (as patient or therapist), for its .ics; null when it is not theirs. */
export async function ownAppointment(db: DbOrTx, userId: string, appointmentId: string) {
  const [row] = await db
    .select(feedColumns)
    .from(appointment)
    .where(and(eq(appointment.id, appointmentId), isParty(userId)));
  return row ?? null;
}

export async function setFeedToken(db: DbOrTx, userId: string, tokenHash: string) {
  await db
    .insert(calendarFeed)
    .values({ userId, tokenHash })
    .onConflictDoUpdate({ target: calendarFeed.userId, set: { tokenHash, createdAt: new Date() } });
}

export async function revokeFeedToken(db: DbOrTx, userId: string) {
  await db.delete(calendarFeed).where(eq(calendarFeed.userId, userId));
}

/** The user a feed token belongs to (with their zone), or null for an unknown or revoked token. */
export async function feedOwner(db: DbOrTx, tokenHash: string) {
  const [row] = await db
    .select({ userId: calendarFeed.userId, timeZone: user.timeZone })
    .from(calendarFeed)
    .innerJoin(user, eq(user.id, calendarFeed.userId))
    .where(eq(calendarFeed.tokenHash, tokenHash));
  return row ?? null;
}

/** A referral's appointments, every status, by start: what the schedule-against-the-plan view counts. */
export async function referralAppointments(db: DbOrTx, referralId: string) {
  return db
    .select({ startsAt: appointment.startsAt, status: appointment.status, createdAt: appointment.createdAt })
    .from(appointment)
    .where(eq(appointment.referralId, referralId))
    .orderBy(asc(appointment.startsAt))
    .limit(1000);
}
