// `pnpm --filter @mm/bench slots`: open-slot computation for a therapist with a year of appointments (CPU only, no
// database), as a ratio to the same run's baseline (the same year of availability with nothing booked). Printed,
// never asserted; absolute figures move from one machine to the next.
import { performance } from "node:perf_hooks";
import { addDays, type Interval, openSlots } from "@mm/domain";
import { say } from "./load";

const FROM = "2027-01-04";
const TO = addDays(FROM, 364);
const availability = {
  timeZone: "America/New_York",
  windows: [1, 2, 3, 4, 5, 6].map((dayOfWeek) => ({
    dayOfWeek,
    start: "08:00",
    end: "18:00",
    sessionMinutes: [30, 60, 90] as (30 | 60 | 90)[],
    location: "clinic" as const,
  })),
  exceptions: [
    { from: "2027-07-01", to: "2027-07-14" },
    { from: "2027-12-20", to: "2027-12-31" },
  ],
};

/** Six hour-long appointments a working day for a year (about 1,900), at 08:00, 09:30, 11:00 ... New York time. */
function aYearOfAppointments(): Interval[] {
  const out: Interval[] = [];
  const first = Date.parse("2027-01-04T13:00:00Z");
  for (let d = 0; d < 365; d += 1) {
    if (new Date(first + d * 86_400_000).getUTCDay() === 0) continue;
    for (let k = 0; k < 6; k += 1) {
      const start = first + d * 86_400_000 + k * 90 * 60_000;
      out.push({ start: new Date(start), end: new Date(start + 60 * 60_000) });
    }
  }
  return out;
}

function time(label: string, busy: readonly Interval[], rounds: number) {
  const now = new Date("2027-01-01T00:00:00Z");
  let slots = 0;
  const t0 = performance.now();
  for (let i = 0; i < rounds; i += 1)
    slots = openSlots({ availability, from: FROM, to: TO, busy, now }).length;
  const ms = (performance.now() - t0) / rounds;
  say(
    `${label.padEnd(34)} ${ms.toFixed(1).padStart(8)} ms/year  (${slots} open slots, ${busy.length} booked)`,
  );
  return ms;
}

const rounds = Number(process.argv[2] ?? 5);
time("warm-up", [], 1);
const base = time("baseline: nothing booked", [], rounds);
const booked = time("a year of appointments", aYearOfAppointments(), rounds);
say(`ratio to baseline: ${(booked / base).toFixed(2)}x`);
