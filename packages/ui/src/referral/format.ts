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

/** "1 session" / "3 sessions". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
