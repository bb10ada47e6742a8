import { Temporal } from "temporal-polyfill";
import { z } from "zod";

/**
 * Calendar days and time zones. Clinical dates (prescription validity, goals' by-dates, "today", the insurer's visit
 * year) are `YYYY-MM-DD` days in the PATIENT's time zone; instants (a session, a signature) are `Date`s. Day <-> instant
 * conversions go through Temporal (temporal-polyfill, see docs/decisions/0007-time-zones.md), never through slicing a UTC
 * ISO string. Nothing here reads the clock: "now" is always an argument.
 */

/** Time zone stored for a person who has not chosen one (and for system actions). */
export const DEFAULT_TIME_ZONE = "UTC";

function plainDate(iso: string): Temporal.PlainDate {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new RangeError(`Not a YYYY-MM-DD date: ${iso}`);
  try {
    return Temporal.PlainDate.from(iso, { overflow: "reject" });
  } catch {
    throw new RangeError(`Not a real calendar date: ${iso}`);
  }
}

/** True for an IANA time zone name this runtime knows (e.g. "America/New_York", "UTC"). */
export function isTimeZone(zone: string): boolean {
  if (typeof zone !== "string" || zone.length === 0 || zone.length > 64) return false;
  try {
    // Offsets like "+05:00" are valid for Temporal but are not a place: a person lives in a named zone.
    return (
      /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(zone) &&
      Temporal.ZonedDateTime.from({
        year: 2026,
        month: 1,
        day: 1,
        timeZone: zone,
      }) !== null
    );
  } catch {
    return false;
  }
}

export const timeZoneSchema = z
  .string({ error: "Time zone must be text" })
  .trim()
  .refine(isTimeZone, "Choose a time zone such as America/New_York");

const instantOf = (at: Date | string) =>
  Temporal.Instant.fromEpochMilliseconds(typeof at === "string" ? Date.parse(at) : at.getTime());

/** The calendar day an instant falls on in `zone`. */
export function dayIn(at: Date | string, zone: string): string {
  return instantOf(at).toZonedDateTimeISO(zone).toPlainDate().toString();
}

/** The calendar year an instant falls in, in `zone` (the insurer's visit year). */
export function yearIn(at: Date | string, zone: string): number {
  return instantOf(at).toZonedDateTimeISO(zone).year;
}

/** First instant of `day` in `zone` (not always 00:00 where a DST change skips midnight). */
export function startOfDay(day: string, zone: string): Date {
  return new Date(plainDate(day).toZonedDateTime({ timeZone: zone }).epochMilliseconds);
}

/** The instant `day` ends in `zone`: the start of the next day (exclusive bound). */
export function endOfDay(day: string, zone: string): Date {
  return startOfDay(addDays(day, 1), zone);
}

/** [start, end) of calendar year `year` in `zone`. */
export function yearBounds(year: number, zone: string): { start: Date; end: Date } {
  const start = (y: number) => startOfDay(`${String(y).padStart(4, "0")}-01-01`, zone);
  return { start: start(year), end: start(year + 1) };
}

/** Today's date in `zone` (UTC when no zone is given: only for non-clinical dates). */
export function todayIso(now: Date, zone: string = DEFAULT_TIME_ZONE): string {
  return dayIn(now, zone);
}

/** `iso` moved by `days` (may be negative). */
export function addDays(iso: string, days: number): string {
  return plainDate(iso).add({ days }).toString();
}

/** `iso` moved by whole years; 29 February becomes 1 March in a non-leap year. */
export function addYears(iso: string, years: number): string {
  const d = plainDate(iso);
  if (d.month === 2 && d.day === 29) {
    const moved = d.add({ years }, { overflow: "constrain" });
    return moved.day === 29 ? moved.toString() : moved.add({ days: 1 }).toString();
  }
  return d.add({ years }).toString();
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return plainDate(from).until(plainDate(to), { largestUnit: "days" }).days;
}

/**
 * True when `iso` is not after today. Without the person's zone, one day of leeway: "today" is computed in UTC
 * while the person typing the date may already be in tomorrow locally. With the zone, exact.
 */
export function isNotFutureDate(iso: string, now: Date, zone?: string): boolean {
  return zone ? iso <= todayIso(now, zone) : iso <= addDays(todayIso(now), 1);
}

/** The instant a wall-clock time ('HH:MM') on `day` is in `zone` (a time a DST change skips moves forward). */
export function zonedInstant(day: string, time: string, zone: string): Date {
  const at = plainDate(day).toPlainDateTime(Temporal.PlainTime.from(time));
  return new Date(at.toZonedDateTime(zone, { disambiguation: "compatible" }).epochMilliseconds);
}
