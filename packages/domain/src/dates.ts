/**
 * Calendar-day arithmetic on `YYYY-MM-DD` strings. Clinical dates (prescription validity, goals' by-dates) are days,
 * not instants, so everything here works in UTC and never shifts with the caller's time zone.
 */
const DAY_MS = 86_400_000;

function parseIsoDate(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`Not a YYYY-MM-DD date: ${iso}`);
  const [, y, mo, d] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d));
  if (new Date(ms).toISOString().slice(0, 10) !== iso)
    throw new RangeError(`Not a real calendar date: ${iso}`);
  return ms;
}

const format = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Today's date in UTC, `YYYY-MM-DD`. */
export function todayIso(now: Date = new Date()): string {
  return format(now.getTime());
}

/** `iso` moved by `days` (may be negative). */
export function addDays(iso: string, days: number): string {
  return format(parseIsoDate(iso) + days * DAY_MS);
}

/** `iso` moved by whole years; 29 February becomes 1 March in a non-leap year. */
export function addYears(iso: string, years: number): string {
  const d = new Date(parseIsoDate(iso));
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return format(d.getTime());
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((parseIsoDate(to) - parseIsoDate(from)) / DAY_MS);
}

/**
 * True when `iso` is not after today. One day of leeway, because "today" is computed in UTC while the person typing
 * the date may already be in tomorrow (or still in yesterday) locally.
 */
export function isNotFutureDate(iso: string, now: Date = new Date()): boolean {
  return iso <= addDays(todayIso(now), 1);
}
