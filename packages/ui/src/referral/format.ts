import dayjs from "dayjs";
import relativeTime from "dayjs/plugin/relativeTime";
import utc from "dayjs/plugin/utc";

dayjs.extend(relativeTime);
dayjs.extend(utc);

/**
 * Calendar dates ('YYYY-MM-DD': prescription validity, goals' by-dates, date of birth) are days, not instants: they
 * are parsed in UTC and shown as-is, so they never shift by a day in the reader's time zone.
 */
export function formatDay(day: string | null | undefined): string {
  if (!day) return "Not given";
  const d = dayjs.utc(day);
  return d.isValid() ? d.format("MMM D, YYYY") : day;
}

/** Timestamps (ISO strings) are instants: shown in the reader's local time. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "Not given";
  const d = dayjs(iso);
  return d.isValid() ? d.format("MMM D, YYYY h:mm A") : iso;
}

export function formatInstantDate(iso: string | null | undefined): string {
  if (!iso) return "Not given";
  const d = dayjs(iso);
  return d.isValid() ? d.format("MMM D, YYYY") : iso;
}

/** "3 hours ago"; `now` is injectable so tests and long-lived lists stay deterministic. */
export function fromNow(iso: string, now: Date = new Date()): string {
  const at = dayjs(iso);
  // `now` ticks once a minute, so an event that just arrived can be "in the future" of it.
  if (at.isAfter(now)) return "just now";
  return at.from(dayjs(now));
}

/** Money is integer cents on the wire. */
export function formatCents(cents: number | null | undefined): string {
  if (cents == null) return "Not known";
  return new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(cents / 100);
}

/** Yes/no fields where null means "the insurer didn't say". */
export function yesNoUnknown(value: boolean | null | undefined): string {
  if (value == null) return "Not known";
  return value ? "Yes" : "No";
}

/** A code's label from a domain label map, falling back to the raw code (a list may outgrow the bundled labels). */
export function labelOf(labels: Record<string, string>, code: string): string {
  return labels[code] ?? code;
}

export function listOr(items: readonly string[], empty = "None"): string {
  return items.length > 0 ? items.join(", ") : empty;
}

/** Today as 'YYYY-MM-DD' in the reader's calendar, for date inputs. */
export function localToday(): string {
  return dayjs().format("YYYY-MM-DD");
}

export function addDaysLocal(days: number): string {
  return dayjs().add(days, "day").format("YYYY-MM-DD");
}

/** "1 session" / "3 sessions". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
