import { BODY_REGION_LABELS, type BodyRegion } from "@mm/domain";

const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium" });
const dayFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
const dateTimeFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short" });

/** "Nov 26, 2026" for an instant (ISO 8601 with time), in the viewer's time zone. */
export function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}

/** "Nov 26, 2026, 4:30 PM" for an instant. */
export function formatDateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}

/** A calendar day (`YYYY-MM-DD`) exactly as written, never shifted by time zone. */
export function formatDay(day: string): string {
  return dayFormat.format(new Date(`${day}T00:00:00Z`));
}

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
