/**
 * Every date the portals show is formatted here, with Intl, in two kinds:
 * - instants (ISO timestamps: when a session happened, when a message was sent) are shown in the viewer's time
 *   zone: the one in their profile once signed in (whichever browser they read on), else the browser's;
 * - calendar days ('YYYY-MM-DD': prescription validity, goals' by-dates, date of birth) are days, not instants:
 *   shown as the same day for every viewer, never shifted by a time zone.
 * The copy is English, so the format is too (en-US); `timeZone` is injectable for tests.
 */

const LOCALE = "en-US";
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

type Zone = { timeZone?: string };

/** The signed-in person's own zone; undefined (the browser's) before sign-in. */
let viewerTimeZone: string | undefined;

/** Set by the signed-in part of a portal (MeProvider) to the person's profile zone. */
export function setViewerTimeZone(zone: string | undefined): void {
  viewerTimeZone = zone;
}

function validDate(d: Date): boolean {
  return !Number.isNaN(d.getTime());
}

/** 'YYYY-MM-DD' as midnight UTC (the day's own label, whatever the viewer's zone), or null. */
function dayAsUtc(day: string): Date | null {
  const m = DAY.exec(day);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  // Date.UTC rolls "2026-02-30" over into March: only a real day is a day.
  return validDate(d) && d.toISOString().slice(0, 10) === day ? d : null;
}

const dayFormat = new Intl.DateTimeFormat(LOCALE, {
  month: "short",
  day: "numeric",
  year: "numeric",
  timeZone: "UTC",
});

/** "Mar 3, 2026" for a calendar day. */
export function formatDay(day: string | null | undefined, empty = "Not given"): string {
  if (!day) return empty;
  const d = dayAsUtc(day);
  return d ? dayFormat.format(d) : day;
}

/**
 * Server-written text with its days in the reader's format: "valid from 2026-03-03" reads "valid from Mar 3,
 * 2026" (errors, plan change lines). Days, so never shifted by a zone.
 */
export function readableDays(text: string): string {
  return text.replace(/\b\d{4}-\d{2}-\d{2}\b(?!T)/g, (day) => formatDay(day));
}

/** "Mar 3" for a chart tick at a day's midnight UTC (see `dayToTime`). */
export function formatDayTick(time: number): string {
  return new Intl.DateTimeFormat(LOCALE, { month: "short", day: "numeric", timeZone: "UTC" }).format(time);
}

/** "Mar 3, 2026, 8:00 PM" for an instant, in the viewer's zone. */
export function formatDateTime(
  iso: string | null | undefined,
  { timeZone = viewerTimeZone }: Zone = {},
): string {
  if (!iso) return "Not given";
  const d = new Date(iso);
  if (!validDate(d)) return iso;
  return new Intl.DateTimeFormat(LOCALE, {
    month: "short",
    day: "numeric",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZone,
  }).format(d);
}

/** "Mar 3, 2026": the day an instant fell on, in the viewer's zone. */
export function formatInstantDate(
  iso: string | null | undefined,
  { timeZone = viewerTimeZone }: Zone = {},
): string {
  if (!iso) return "Not given";
  const d = new Date(iso);
  if (!validDate(d)) return iso;
  return new Intl.DateTimeFormat(LOCALE, {
    month: "short",
    day: "numeric",
    year: "numeric",
    timeZone,
  }).format(d);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * DAY_MS],
  ["month", 30 * DAY_MS],
  ["week", 7 * DAY_MS],
  ["day", DAY_MS],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

/** "3 hours ago"; `now` is injectable so tests and long-lived lists stay deterministic. */
export function fromNow(iso: string, now: Date = new Date()): string {
  const at = new Date(iso);
  if (!validDate(at)) return iso;
  const ago = now.getTime() - at.getTime();
  // `now` ticks once a minute, so an event that just arrived can be "in the future" of it.
  if (ago < 60_000) return "just now";
  const format = new Intl.RelativeTimeFormat(LOCALE, { numeric: "auto" });
  for (const [unit, ms] of UNITS) {
    if (ago >= ms) return format.format(-Math.floor(ago / ms), unit);
  }
  return "just now";
}

/** The calendar day an instant falls on in a zone (the viewer's by default), as 'YYYY-MM-DD'. */
export function dayIn(at: Date, { timeZone = viewerTimeZone }: Zone = {}): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    timeZone,
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/** Today as 'YYYY-MM-DD' in the viewer's calendar, for date inputs. */
export function localToday(now: Date = new Date(), zone: Zone = {}): string {
  return dayIn(now, zone);
}

/** A calendar day plus whole days (calendar arithmetic: no daylight-saving hour can move it). */
export function addDays(day: string, days: number): string {
  const d = dayAsUtc(day);
  if (!d) return day;
  return new Date(d.getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/** Today plus `days`, in the viewer's calendar. */
export function addDaysLocal(days: number, now: Date = new Date(), zone: Zone = {}): string {
  return addDays(localToday(now, zone), days);
}
