// The therapist's own wall clock, for `datetime-local` fields: what they type is their local time.

export const pad = (n: number) => String(n).padStart(2, "0");

/** `d` (default now), as a `datetime-local` value in the therapist's own time zone ("2026-01-31T14:05"). */
export function localNow(d: Date = new Date()): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "2026-01-31T14:05" (local) to ISO 8601 with the local offset, "2026-01-31T14:05:00-05:00". */
export function localToIso(local: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(local)) return local;
  const d = new Date(local);
  if (Number.isNaN(d.getTime())) return local;
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  const abs = Math.abs(offset);
  const withSeconds = local.length === 16 ? `${local}:00` : local;
  return `${withSeconds}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
