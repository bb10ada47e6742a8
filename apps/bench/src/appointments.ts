// `pnpm bench -- --only appointments` (issue 13): (a) open-slot computation for a therapist with a year of
// appointments (CPU only), as a ratio to the same run's baseline (the same year with nothing booked); (b) booking
// throughput on PostgreSQL: N patients of the loaded data booking distinct slots at once through the API caller
// (the same procedures, rules and write path as HTTP), as a ratio to the same patients reading their referral at
// once, and the conflict count when they all race for one slot. Printed, never asserted; the bookings stay in the
// bench database (reload it to start again).
import { performance } from "node:perf_hooks";
import { callerAs, type SessionUser } from "@mm/api";
import { createAuth } from "@mm/auth";
import { createDb } from "@mm/db";
import { type AvailabilitySetInput, addDays, type Interval, openSlots } from "@mm/domain";
import pg from "pg";
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

function timeSlots(label: string, busy: readonly Interval[], rounds: number) {
  const now = new Date("2027-01-01T00:00:00Z");
  let slots = 0;
  const t0 = performance.now();
  for (let i = 0; i < rounds; i += 1)
    slots = openSlots({ availability, from: FROM, to: TO, busy, now }).length;
  const ms = (performance.now() - t0) / rounds;
  say(
    `  ${label.padEnd(34)} ${ms.toFixed(1).padStart(8)} ms/year  (${slots} open slots, ${busy.length} booked)`,
  );
  return ms;
}

/** Every day 07:00-21:00 in New York, hour-long clinic sessions: room for every patient's distinct slot. */
const WIDE: AvailabilitySetInput = {
  timeZone: "America/New_York",
  windows: [1, 2, 3, 4, 5, 6, 7].map((dayOfWeek) => ({
    dayOfWeek,
    start: "07:00",
    end: "21:00",
    sessionMinutes: [60],
    location: "clinic" as const,
  })),
  exceptions: [],
  lateCancelHours: 24,
  autoConfirm: true,
};

const ruleOf = (e: unknown) =>
  (e as { cause?: { rule?: string } }).cause?.rule ?? (e as { code?: string }).code ?? String(e);

function tally(results: PromiseSettledResult<unknown>[]) {
  const refused = new Map<string, number>();
  for (const r of results)
    if (r.status === "rejected") refused.set(ruleOf(r.reason), (refused.get(ruleOf(r.reason)) ?? 0) + 1);
  return {
    ok: results.filter((r) => r.status === "fulfilled").length,
    refused: [...refused].map(([rule, n]) => `${rule} ${n}`).join(", ") || "none",
  };
}

async function concurrently<T>(calls: (() => Promise<T>)[]) {
  const t0 = performance.now();
  const results = await Promise.allSettled(calls.map((c) => c()));
  return { results, seconds: (performance.now() - t0) / 1000 };
}

export async function appointmentsBench(databaseUrl: string, patients = Number(process.env.BOOKERS ?? 100)) {
  say("\n## Appointments\n\nOpen-slot computation (CPU only, one therapist, a year):");
  const rounds = 20;
  timeSlots("warm-up", [], 1);
  const base = timeSlots("baseline: nothing booked", [], rounds);
  const booked = timeSlots("a year of appointments", aYearOfAppointments(), rounds);
  say(`  ratio to baseline: ${(booked / base).toFixed(2)}x`);

  const handle = await createDb({ databaseUrl, migrate: false });
  const auth = createAuth({
    db: handle.db,
    secret: "bench-appointments-secret-0123456789abcdef",
    baseURL: "http://127.0.0.1:3000",
  });
  const deps = { db: handle.db, auth, notifier: handle.notifier };
  const raw = new pg.Client({ connectionString: databaseUrl });
  await raw.connect();
  try {
    // One active referral per patient, with its therapist: the loaded data's patients in treatment.
    const { rows } = await raw.query<{ id: string; patient_id: string; therapist_id: string }>(
      `select distinct on (patient_id) id, patient_id, therapist_id from referral
       where status = 'active' and therapist_id is not null order by patient_id, created_at desc limit $1`,
      [patients],
    );
    const users = new Map<string, SessionUser>();
    const ids = [...new Set(rows.flatMap((r) => [r.patient_id, r.therapist_id]))];
    for (const u of (
      await raw.query<SessionUser>(`select id, name, email, role from "user" where id = any($1)`, [ids])
    ).rows)
      users.set(u.id, u);
    const as = (id: string) => callerAs(deps, users.get(id)!);
    const therapists = [...new Set(rows.map((r) => r.therapist_id))];
    for (const t of therapists) await as(t).availability.set(WIDE);

    // Each patient takes the k-th open slot of a day, k their place among their therapist's patients: distinct
    // slots. A warm-up round keeps the patients the loaded data's own limits (visits per year, sessions per week)
    // let book; the measured rounds then book one a week each, so those limits rarely refuse (counted apart).
    const today = new Date().toISOString().slice(0, 10);
    const seen = new Map<string, number>();
    const place = new Map<string, number>();
    for (const r of rows) {
      place.set(r.id, seen.get(r.therapist_id) ?? 0);
      seen.set(r.therapist_id, (seen.get(r.therapist_id) ?? 0) + 1);
    }
    const bookOn = async (day: string, who: typeof rows) => {
      const picks = [];
      for (const r of who) {
        const { slots } = await as(r.patient_id).appointment.slots({ referralId: r.id, from: day, to: day });
        const slot = slots[place.get(r.id)!];
        if (slot) picks.push({ r, slot });
      }
      const run = await concurrently(
        picks.map(
          ({ r, slot }) =>
            () =>
              as(r.patient_id).appointment.book({
                referralId: r.id,
                startsAt: slot.startsAt,
                minutes: 60,
                location: "clinic",
              }),
        ),
      );
      return { ...run, who: picks.map((p) => p.r) };
    };
    const warm = await bookOn(addDays(today, 2), rows);
    const eligible = warm.who.filter((_, i) => warm.results[i]!.status === "fulfilled");
    const ROUNDS = 3;
    let reads = 0;
    let readSeconds = 0;
    let booked = 0;
    let bookSeconds = 0;
    const refusals: PromiseSettledResult<unknown>[] = [];
    for (let week = 1; week <= ROUNDS; week++) {
      const read = await concurrently(eligible.map((r) => () => as(r.patient_id).referral.get({ id: r.id })));
      reads += tally(read.results).ok;
      readSeconds += read.seconds;
      const round = await bookOn(addDays(today, 2 + 7 * week), eligible);
      booked += tally(round.results).ok;
      bookSeconds += round.seconds;
      refusals.push(...round.results.filter((x) => x.status === "rejected"));
    }
    const readRate = reads / readSeconds;
    const bookRate = booked / bookSeconds;
    say(
      `\nBooking on PostgreSQL through the API caller (${eligible.length} patients of ${new Set(eligible.map((r) => r.therapist_id)).size} therapists at once, distinct slots, ${ROUNDS} rounds a week apart):`,
    );
    say(
      `  baseline: the same patients reading their referral ${readRate.toFixed(0).padStart(6)} calls/s (${reads} in ${readSeconds.toFixed(2)} s)`,
    );
    say(
      `  booking distinct slots                         ${bookRate.toFixed(0).padStart(6)} bookings/s (${booked} booked in ${bookSeconds.toFixed(2)} s; refused: ${tally(refusals).refused})`,
    );
    say(`  ratio to baseline: ${(bookRate / readRate).toFixed(2)}x`);
    say(
      `  (warm-up round: ${eligible.length} of ${warm.who.length} booked; refused by the loaded data's limits: ${tally(warm.results).refused})`,
    );

    // The race: every patient of the busiest therapist books the same slot a week later at the same instant.
    const perTherapist = new Map<string, number>();
    for (const r of eligible) perTherapist.set(r.therapist_id, (perTherapist.get(r.therapist_id) ?? 0) + 1);
    const busiest = [...perTherapist].sort((x, y) => y[1] - x[1])[0]![0];
    const racers = eligible.filter((r) => r.therapist_id === busiest);
    const later = addDays(today, 2 + 7 * (ROUNDS + 1));
    const { slots } = await as(racers[0]!.patient_id).appointment.slots({
      referralId: racers[0]!.id,
      from: later,
      to: later,
    });
    const target = slots[0]!;
    const race = await concurrently(
      racers.map(
        (r) => () =>
          as(r.patient_id).appointment.book({
            referralId: r.id,
            startsAt: target.startsAt,
            minutes: 60,
            location: "clinic",
          }),
      ),
    );
    const rc = tally(race.results);
    say(
      `\nThe race: ${racers.length} patients of one therapist book one slot at once: ${rc.ok} booked, refused: ${rc.refused} (${race.seconds.toFixed(2)} s)`,
    );
  } finally {
    await raw.end();
    await handle.close();
  }
}
