import { BODY_REGION_LABELS, type BodyRegion } from "@mm/domain";

// Dates and times are formatted once, with Intl, in ../dates: re-exported under the names the portals use.
export {
  addDays,
  addDaysLocal,
  formatDateTime,
  formatDay,
  formatInstantDate as formatDate,
  fromNow,
  localToday,
} from "../dates";
export { asSentence, plural } from "../referral/format";

export function regionList(regions: readonly string[]): string {
  return regions.map((r) => BODY_REGION_LABELS[r as BodyRegion] ?? r).join(", ");
}

/** "Acute" / "Chronic": the short form for tables. */
export function kindLabel(kind: string): string {
  return kind.charAt(0).toUpperCase() + kind.slice(1);
}

/** Whole years from a `YYYY-MM-DD` birth date to today; null when unknown. */
export function ageFrom(dateOfBirth: string | null | undefined, now: Date = new Date()): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateOfBirth ?? "");
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  let age = now.getFullYear() - y;
  if (now.getMonth() + 1 < mo || (now.getMonth() + 1 === mo && now.getDate() < d)) age -= 1;
  return age >= 0 ? age : null;
}

/** "age 41 · CA": who the patient is at a glance, for the referral's header. */
export function patientLine(patient: { dateOfBirth?: string | null; state?: string | null }): string {
  const age = ageFrom(patient.dateOfBirth);
  return [age === null ? null : `age ${age}`, patient.state ?? null].filter(Boolean).join(" · ");
}
