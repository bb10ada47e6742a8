// Dates are formatted once, with Intl, in ../dates: re-exported here for the referral panels.
export {
  addDays,
  addDaysLocal,
  formatDateTime,
  formatDay,
  formatDayTick,
  formatInstantDate,
  fromNow,
  localToday,
  readableDays,
} from "../dates";

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

// The copy is English: its plural categories are "one" (1) and "other" (0, 2, 1.5 …).
const pluralRules = new Intl.PluralRules("en-US");
const isOne = (n: number) => pluralRules.select(n) === "one";

/** "1 session" / "3 sessions" / "0 sessions". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${isOne(n) ? one : many}`;
}

/** Units whose singular differs ("1 dose/day", not "1 doses/day"). */
const SINGULAR_UNITS: Record<string, string> = {
  "doses/day": "dose/day",
  hours: "hour",
  sessions: "session",
};

/** A measurement with its unit: "7/10", "1 dose/day", "6.5 hours". */
export function withUnit(value: number, unit: string): string {
  if (unit === "/10") return `${value}/10`;
  const u = isOne(value) ? (SINGULAR_UNITS[unit] ?? unit) : unit;
  return `${value} ${u}`.trim();
}

/** People's text as a sentence: a full stop is added only when it has no closing punctuation ("sorry." stays). */
export function asSentence(text: string): string {
  const t = text.trim();
  return /[.!?…]["')\]]*$/.test(t) ? t : `${t}.`;
}
