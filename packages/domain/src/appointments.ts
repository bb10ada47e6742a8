import { Temporal } from "temporal-polyfill";
import { z } from "zod";
import { addDays, daysBetween, timeZoneSchema } from "./dates";
import { conflict, ruleViolation } from "./errors";
import {
  expectedVersionField,
  idField,
  intInRange,
  isoDateField,
  isoDateTimeField,
  optionalText,
} from "./fields";
import { prescriptionWeekOf, sessionsInWeek } from "./progress";

/**
 * Appointments: a therapist's weekly availability (local times in THEIR zone), the open slots it yields, and the
 * rules a booking must pass (the prescription's count, frequency and validity in the PATIENT's zone, the insurer's
 * yearly visits, no overlap). Pure: "now" and every fact are arguments; the API reads them under the referral lock.
 */

export const APPOINTMENT_LOCATIONS = ["clinic", "home"] as const;
export type AppointmentLocation = (typeof APPOINTMENT_LOCATIONS)[number];
export const APPOINTMENT_LOCATION_LABELS: Record<AppointmentLocation, string> = {
  clinic: "At the clinic",
  home: "Home visit",
};

export const APPOINTMENT_STATUSES = [
  "requested",
  "confirmed",
  "declined",
  "cancelled",
  "late_cancel",
  "no_show",
  "completed",
] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];
/** Statuses that hold the therapist's time (the database's exclusion constraint covers exactly these). */
export const LIVE_APPOINTMENT_STATUSES = [
  "requested",
  "confirmed",
] as const satisfies readonly AppointmentStatus[];
export const isLiveAppointment = (s: AppointmentStatus) =>
  (LIVE_APPOINTMENT_STATUSES as readonly string[]).includes(s);

export const APPOINTMENT_STATUS_LABELS: Record<AppointmentStatus, string> = {
  requested: "Waiting for the therapist",
  confirmed: "Confirmed",
  declined: "Declined by the therapist",
  cancelled: "Cancelled",
  late_cancel: "Cancelled late",
  no_show: "Missed",
  completed: "Attended",
};

/** Session lengths a therapist may offer, in minutes. */
export const SESSION_LENGTHS = [30, 45, 60, 75, 90, 120] as const;
/** ISO day of week: 1 = Monday … 7 = Sunday. */
export const WEEKDAY_LABELS = [
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
  "Sunday",
] as const;

const localTime = (label: string) =>
  z
    .string({ error: `${label} must be a time like 09:00` })
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, `${label} must be a time like 09:00`);

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export const availabilityWindowSchema = z
  .object({
    dayOfWeek: intInRange("Day of week", 1, 7),
    start: localTime("Start time"),
    end: localTime("End time"),
    sessionMinutes: z
      .array(
        z.literal(SESSION_LENGTHS, { error: "Choose session lengths of 30, 45, 60, 75, 90 or 120 minutes" }),
        {
          error: "Session lengths must be a list",
        },
      )
      .min(1, "Offer at least one session length")
      .max(SESSION_LENGTHS.length, "Each session length may be listed only once")
      .refine((xs) => new Set(xs).size === xs.length, "Each session length may be listed only once"),
    location: z.enum(APPOINTMENT_LOCATIONS, { error: "Choose clinic or home visits" }),
  })
  .refine((w) => minutesOf(w.end) > minutesOf(w.start), {
    path: ["end"],
    message: "End time must be after start",
  });
export type AvailabilityWindow = z.infer<typeof availabilityWindowSchema>;

/** Time off: whole days `from`..`to` (both included, therapist's zone). */
export const availabilityExceptionSchema = z
  .object({
    from: isoDateField(),
    to: isoDateField(),
    reason: optionalText("Reason", 200),
  })
  .refine((x) => x.to >= x.from, { path: ["to"], message: "The last day off cannot be before the first" });
export type AvailabilityException = z.infer<typeof availabilityExceptionSchema>;

export const availabilitySetSchema = z
  .object({
    timeZone: timeZoneSchema,
    windows: z.array(availabilityWindowSchema, { error: "Availability must be a list" }).max(50),
    exceptions: z
      .array(availabilityExceptionSchema, { error: "Time off must be a list" })
      .max(100)
      .default([]),
    /** Cancelling less than this many hours before the start is a late cancel. */
    lateCancelHours: intInRange("Late-cancel window", 0, 168),
    autoConfirm: z.boolean({ error: "Say whether bookings are confirmed automatically" }),
  })
  .superRefine((a, ctx) => {
    a.windows.forEach((w, i) => {
      for (const other of a.windows.slice(0, i)) {
        if (
          other.dayOfWeek === w.dayOfWeek &&
          minutesOf(w.start) < minutesOf(other.end) &&
          minutesOf(other.start) < minutesOf(w.end)
        )
          ctx.addIssue({
            code: "custom",
            path: ["windows", i, "start"],
            message: "Hours overlap another window that day",
          });
      }
    });
  });
export type AvailabilitySetInput = z.infer<typeof availabilitySetSchema>;
export type Availability = Omit<AvailabilitySetInput, "exceptions"> & { exceptions: AvailabilityException[] };

/** Days from `from` to `to`; 0 when either is not a real date (the field's own check names it). */
function daysApart(from: string, to: string): number {
  try {
    return Temporal.PlainDate.from(from).until(Temporal.PlainDate.from(to)).days;
  } catch {
    return 0;
  }
}

/** At most this many days of slots per request (a month and a bit). */
export const MAX_SLOT_RANGE_DAYS = 42;

export const appointmentSlotsSchema = z
  .object({
    referralId: idField("referralId"),
    /** Days in the viewer's terms; slots from the start of `from` to the end of `to` in the therapist's zone. */
    from: isoDateField(),
    to: isoDateField(),
  })
  .refine((x) => x.to >= x.from, { path: ["to"], message: "The end of the range cannot be before its start" })
  .refine((x) => daysApart(x.from, x.to) < MAX_SLOT_RANGE_DAYS, {
    path: ["to"],
    message: `Ask for at most ${MAX_SLOT_RANGE_DAYS} days of slots`,
  });

const startsAtField = () => isoDateTimeField("Start must be a date and time, e.g. 2026-01-31T14:00:00-05:00");

export const appointmentBookSchema = z.object({
  referralId: idField("referralId"),
  startsAt: startsAtField(),
  minutes: z.literal(SESSION_LENGTHS, { error: "Choose an offered session length" }),
  location: z.enum(APPOINTMENT_LOCATIONS, { error: "Choose clinic or home visits" }),
  expectedVersion: expectedVersionField(),
});
export type AppointmentBookInput = z.infer<typeof appointmentBookSchema>;

export const appointmentIdSchema = z.object({ appointmentId: idField("appointmentId") });
export const appointmentReasonSchema = z.object({
  appointmentId: idField("appointmentId"),
  reason: optionalText("Reason", 500),
});
export const appointmentRescheduleSchema = z.object({
  appointmentId: idField("appointmentId"),
  startsAt: startsAtField(),
});
export const appointmentListSchema = z.object({
  referralId: idField("referralId").optional(),
  from: isoDateTimeField("from must be a date and time").optional(),
  to: isoDateTimeField("to must be a date and time").optional(),
});

export type Interval = { start: Date; end: Date };
export type Slot = Interval & { minutes: number; location: AppointmentLocation };

const overlaps = (a: Interval, b: Interval) =>
  a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime();

/**
 * "Does [start, end) overlap any busy interval?" in O(log n): busy intervals sorted by start with the running
 * maximum of their ends (they may overlap each other). A slot overlaps iff, among the intervals starting before
 * it ends, the latest end is after it starts. A year of appointments stays cheap (apps/bench `slots`).
 */
function busyIndex(busy: readonly Interval[]): (slot: Interval) => boolean {
  const sorted = [...busy].sort((a, b) => a.start.getTime() - b.start.getTime());
  const starts = sorted.map((b) => b.start.getTime());
  const maxEnd: number[] = [];
  for (const [i, b] of sorted.entries())
    maxEnd.push(Math.max(maxEnd[i - 1] ?? Number.NEGATIVE_INFINITY, b.end.getTime()));
  return (slot) => {
    const end = slot.end.getTime();
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((starts[mid] ?? 0) < end) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && (maxEnd[lo - 1] ?? Number.NEGATIVE_INFINITY) > slot.start.getTime();
  };
}

const at = (day: Temporal.PlainDate, hhmm: string, zone: string) =>
  // "compatible": a local time inside a spring-forward gap moves later, a repeated one takes its first instant.
  day.toZonedDateTime({ timeZone: zone, plainTime: Temporal.PlainTime.from(hhmm) }).toInstant();

/**
 * Open slots between the start of `from` and the end of `to` (days in the therapist's zone): each weekly window,
 * cut into back-to-back sessions of each offered length, in real elapsed time (a window across a DST change is an
 * hour shorter or longer), minus time off, busy intervals (live appointments) and anything starting before `now`.
 */
export function openSlots(input: {
  availability: Pick<Availability, "timeZone" | "windows" | "exceptions">;
  from: string;
  to: string;
  busy: readonly Interval[];
  now: Date;
  /** Only this length (else every offered length). */
  minutes?: number;
}): Slot[] {
  const { timeZone, windows, exceptions } = input.availability;
  const isBusy = busyIndex(input.busy);
  const out: Slot[] = [];
  const last = Temporal.PlainDate.from(input.to);
  for (
    let day = Temporal.PlainDate.from(input.from);
    Temporal.PlainDate.compare(day, last) <= 0;
    day = day.add({ days: 1 })
  ) {
    const iso = day.toString();
    if (exceptions.some((x) => x.from <= iso && iso <= x.to)) continue;
    for (const w of windows) {
      if (w.dayOfWeek !== day.dayOfWeek) continue;
      const windowEnd = at(day, w.end, timeZone).epochMilliseconds;
      for (const minutes of w.sessionMinutes) {
        if (input.minutes !== undefined && minutes !== input.minutes) continue;
        const step = minutes * 60_000;
        for (let t = at(day, w.start, timeZone).epochMilliseconds; t + step <= windowEnd; t += step) {
          const slot = { start: new Date(t), end: new Date(t + step), minutes, location: w.location };
          if (t < input.now.getTime()) continue;
          if (isBusy(slot)) continue;
          out.push(slot);
        }
      }
    }
  }
  return out.sort((a, b) => a.start.getTime() - b.start.getTime() || a.minutes - b.minutes);
}

/** True when `[start, start + minutes)` is one of the slots the availability offers at that place (busy ignored). */
export function isOfferedSlot(
  availability: Pick<Availability, "timeZone" | "windows" | "exceptions">,
  slot: { start: Date; minutes: number; location: AppointmentLocation },
  now: Date,
): boolean {
  const day = Temporal.Instant.fromEpochMilliseconds(slot.start.getTime()).toZonedDateTimeISO(
    availability.timeZone,
  );
  const iso = day.toPlainDate().toString();
  return openSlots({ availability, from: iso, to: iso, busy: [], now, minutes: slot.minutes }).some(
    (s) => s.start.getTime() === slot.start.getTime() && s.location === slot.location,
  );
}

export type BookingFacts = {
  now: Date;
  start: Date;
  end: Date;
  patientTimeZone: string;
  planInEffect: boolean;
  /** The prescription in force; null when there is none. */
  rx: { validFrom: string; expiresOn: string; totalSessions: number; sessionsPerWeek: number } | null;
  /** Sessions logged against the prescription and its live appointments (other than the one being moved). */
  attended: number;
  booked: number;
  /** Days (patient's zone) of the prescription's logged sessions and live appointments, for the weekly count. */
  takenDays: readonly string[];
  /** The insurer's visits per year (null: unknown, no limit enforced) and visits already used or booked that year. */
  visitsPerYear: number | null;
  visitsInYear: number;
  /** Live appointments of the therapist and of the patient (other than the one being moved). */
  therapistBusy: readonly Interval[];
  patientBusy: readonly Interval[];
};

export const BOOKING_RULES = [
  "appointment.in_past",
  "appointment.no_prescription",
  "appointment.plan_not_in_effect",
  "appointment.outside_prescription_validity",
  "appointment.authorized_sessions_exhausted",
  "appointment.weekly_limit_reached",
  "appointment.visit_limit_reached",
  "appointment.patient_overlap",
  "appointment.slot_taken",
] as const;
export type BookingRule = (typeof BOOKING_RULES)[number];

/**
 * Throws the first rule a booking breaks: PRECONDITION_FAILED naming the rule, or CONFLICT (`appointment.slot_taken`)
 * when the therapist is already booked then (the database's exclusion constraint says the same under a race).
 */
export function bookingCheck(f: BookingFacts): void {
  if (f.start.getTime() <= f.now.getTime())
    throw ruleViolation("appointment.in_past", "That time has already passed: choose a later one.");
  if (!f.rx) throw ruleViolation("appointment.no_prescription", "There is no prescription to book under.");
  if (!f.planInEffect)
    throw ruleViolation(
      "appointment.plan_not_in_effect",
      "Sessions can be booked once the plan of care is approved by the physician and therapist and acknowledged by the patient.",
    );
  const day = Temporal.Instant.fromEpochMilliseconds(f.start.getTime())
    .toZonedDateTimeISO(f.patientTimeZone)
    .toPlainDate()
    .toString();
  if (day < f.rx.validFrom || day > f.rx.expiresOn)
    throw ruleViolation(
      "appointment.outside_prescription_validity",
      `The prescription is valid from ${f.rx.validFrom} to ${f.rx.expiresOn}; this appointment is on ${day}.`,
    );
  if (f.attended + f.booked >= f.rx.totalSessions)
    throw ruleViolation(
      "appointment.authorized_sessions_exhausted",
      `All ${f.rx.totalSessions} authorized sessions are attended or booked; the physician must renew the prescription for more.`,
    );
  if (sessionsInWeek(f.rx.validFrom, f.takenDays, day) > f.rx.sessionsPerWeek)
    throw ruleViolation(
      "appointment.weekly_limit_reached",
      `The prescription allows ${f.rx.sessionsPerWeek} session(s) a week, and that week is already full.`,
    );
  if (f.visitsPerYear !== null && f.visitsInYear >= f.visitsPerYear)
    throw ruleViolation(
      "appointment.visit_limit_reached",
      `Your insurance allows ${f.visitsPerYear} visits a year, and they are all used or booked for that year.`,
    );
  const slot = { start: f.start, end: f.end };
  if (f.therapistBusy.some((b) => overlaps(slot, b)))
    throw conflict(
      "appointment.slot_taken",
      "Someone else just booked that time. Please choose another slot.",
    );
  if (f.patientBusy.some((b) => overlaps(slot, b)))
    throw ruleViolation("appointment.patient_overlap", "You already have another appointment at that time.");
}

/** What each party may do to an appointment in each status. */
export type AppointmentAction = "confirm" | "decline" | "reschedule" | "cancel" | "no_show" | "complete";

const ALLOWED: Record<
  AppointmentAction,
  { from: readonly AppointmentStatus[]; by: readonly ("patient" | "therapist")[] }
> = {
  confirm: { from: ["requested"], by: ["therapist"] },
  decline: { from: ["requested"], by: ["therapist"] },
  reschedule: { from: ["requested", "confirmed"], by: ["patient", "therapist"] },
  cancel: { from: ["requested", "confirmed"], by: ["patient", "therapist"] },
  no_show: { from: ["confirmed"], by: ["therapist"] },
  complete: { from: ["confirmed"], by: ["therapist"] },
};

/** Refuses an action the status or role does not allow (PRECONDITION_FAILED naming `appointment.<action>_not_allowed`). */
export function assertAppointmentAction(
  action: AppointmentAction,
  status: AppointmentStatus,
  role: string,
): void {
  const rule = ALLOWED[action];
  if (!(rule.by as readonly string[]).includes(role) || !rule.from.includes(status))
    throw ruleViolation(
      `appointment.${action}_not_allowed`,
      `This appointment is ${APPOINTMENT_STATUS_LABELS[status].toLowerCase()}: it cannot be changed that way.`,
    );
}

/**
 * The status a cancellation records: a patient cancelling less than `lateCancelHours` before the start is a late
 * cancel; the therapist cancelling is never the patient's late cancel. A started appointment cannot be cancelled.
 */
export function cancellationStatus(input: {
  start: Date;
  now: Date;
  lateCancelHours: number;
  by: "patient" | "therapist";
}): "cancelled" | "late_cancel" {
  if (input.start.getTime() <= input.now.getTime())
    throw ruleViolation(
      "appointment.already_started",
      "This appointment has started: mark it attended or missed instead.",
    );
  if (input.by === "therapist") return "cancelled";
  const hoursBefore = (input.start.getTime() - input.now.getTime()) / 3_600_000;
  return hoursBefore < input.lateCancelHours ? "late_cancel" : "cancelled";
}

/** A missed or attended mark needs the appointment to have started. */
export function assertStarted(start: Date, now: Date): void {
  if (start.getTime() > now.getTime())
    throw ruleViolation("appointment.not_started", "This appointment has not started yet.");
}

// The schedule against the plan (the physician's view).

export const scheduleSummarySchema = z.object({ referralId: idField("referralId") });

/** One prescription week: its days (patient's zone) and its visits next to the prescribed frequency. */
export type ScheduleWeek = {
  /** 1 for the prescription's first week. */
  week: number;
  from: string;
  to: string;
  prescribed: number;
  /** Requested or confirmed, not yet attended. */
  booked: number;
  /** Sessions logged (an attended appointment has its session, so it is counted once, here). */
  attended: number;
  noShow: number;
  /** Cancelled by either party, late or not; a declined request was never a visit. */
  cancelled: number;
};

/**
 * The prescription's weeks (validFrom..expiresOn, in 7-day steps from validFrom, as the frequency rule counts
 * them) with each week's visits. Days outside the prescription belong to no week of it and are left out.
 */
export function scheduleWeeks(input: {
  validFrom: string;
  expiresOn: string;
  sessionsPerWeek: number;
  appointments: readonly { day: string; status: AppointmentStatus }[];
  sessionDays: readonly string[];
}): ScheduleWeek[] {
  const { validFrom, expiresOn } = input;
  if (expiresOn < validFrom) return [];
  const weeks: ScheduleWeek[] = [];
  for (let w = 0; w <= prescriptionWeekOf(validFrom, expiresOn); w++) {
    const from = addDays(validFrom, w * 7);
    weeks.push({
      week: w + 1,
      from,
      to: addDays(from, Math.min(6, daysBetween(from, expiresOn))),
      prescribed: input.sessionsPerWeek,
      booked: 0,
      attended: 0,
      noShow: 0,
      cancelled: 0,
    });
  }
  const weekOf = (day: string) =>
    day < validFrom || day > expiresOn ? undefined : weeks[prescriptionWeekOf(validFrom, day)];
  for (const day of input.sessionDays) {
    const w = weekOf(day);
    if (w) w.attended++;
  }
  for (const a of input.appointments) {
    const w = weekOf(a.day);
    if (!w) continue;
    if (isLiveAppointment(a.status)) w.booked++;
    else if (a.status === "no_show") w.noShow++;
    else if (a.status === "cancelled" || a.status === "late_cancel") w.cancelled++;
  }
  return weeks;
}

/** Days without a booking after which a patient with sessions left is falling behind. */
export const FALLING_BEHIND_DAYS = 10;

/**
 * "No visit booked in the last 10 days while N sessions remain": sessions remain (authorized minus attended),
 * nothing is booked ahead, and the last sign of care (the prescription's signature, a booking made, a session
 * logged) is at least 10 days old. Null while the patient is on track, or once the prescription has expired.
 */
export function fallingBehind(input: {
  now: Date;
  /** The prescription's last day and today, both in the patient's zone. */
  expiresOn: string;
  today: string;
  authorized: number;
  attended: number;
  /** Live appointments starting after `now`. */
  upcoming: number;
  /** When the prescription was signed, each booking was made and each session took place. */
  activity: readonly Date[];
}): { remaining: number; days: number; message: string } | null {
  const remaining = input.authorized - input.attended;
  if (remaining <= 0 || input.upcoming > 0 || input.today > input.expiresOn) return null;
  const last = Math.max(...input.activity.map((d) => d.getTime()));
  const quietMs = input.now.getTime() - last;
  if (!(quietMs >= FALLING_BEHIND_DAYS * 86_400_000)) return null;
  const sessions = remaining === 1 ? "1 session remains" : `${remaining} sessions remain`;
  return {
    remaining,
    days: FALLING_BEHIND_DAYS,
    message: `No visit booked in the last ${FALLING_BEHIND_DAYS} days while ${sessions}.`,
  };
}
