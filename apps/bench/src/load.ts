// Scale loader: `pnpm --filter @mm/bench load -- --scale <factor>` (default 1 = full scale).
// Fills DATABASE_URL (default postgres://postgres@127.0.0.1:5432/mm_bench, dropped and recreated) or a PGlite DATA_DIR
// with consistent synthetic data, in bulk (COPY), after applying the real migrations.
import { createHash } from "node:crypto";
import { pathToFileURL } from "node:url";
import { createDb } from "@mm/db";
import { canonicalPrescription } from "@mm/domain";
import { hashPassword } from "better-auth/crypto";
import {
  DAY,
  eventsOf,
  isoDate,
  isTreatment,
  npi,
  personName,
  planReferrals,
  pools,
  reportsOf,
  rng,
  type Scale,
  STATES,
  scaleCounts,
  sessionsOf,
} from "./generate";
import {
  arr,
  describeTarget,
  openRaw,
  type RawDb,
  recreateTarget,
  row,
  type TargetSpec,
  targetFromEnv,
} from "./target";

/** Every synthetic user signs in with this password (the hash is computed once and shared). */
export const BENCH_PASSWORD = "bench-password-2024";
export const emailOf = (role: "patient" | "physician" | "therapist", i: number) =>
  `${role}${i}@bench.example.org`;

export type TableStat = { table: string; rows: number; copyMs: number; indexMs: number };
export type LoadResult = { scale: Scale; factor: number; totalMs: number; tables: TableStat[]; rows: number };

type Lines = (emit: (line: string) => Promise<void>) => Promise<void>;

async function indexesToRebuild(db: RawDb, table: string) {
  // Secondary indexes only: those backing a primary key or unique constraint stay in place.
  return db.query<{ name: string; def: string }>(
    `select ci.relname as name, pg_get_indexdef(i.indexrelid) as def
       from pg_index i
       join pg_class c on c.oid = i.indrelid
       join pg_class ci on ci.oid = i.indexrelid
       join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relname = $1
        and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`,
    [table],
  );
}

async function loadTable(db: RawDb, table: string, columns: string[], lines: Lines): Promise<TableStat> {
  const started = performance.now();
  // Bulk-load idiom: drop secondary indexes, COPY, rebuild them (a sorted build beats row-by-row maintenance).
  const indexes = await indexesToRebuild(db, table);
  for (const ix of indexes) await db.query(`drop index "${ix.name}"`);
  const writer = await db.copy(`"${table}"`, columns);
  let rows = 0;
  await lines(async (line) => {
    rows += 1;
    await writer.write(line);
  });
  await writer.close();
  const copied = performance.now();
  for (const ix of indexes) await db.query(ix.def);
  const stat = { table, rows, copyMs: copied - started, indexMs: performance.now() - copied };
  const rate = Math.round(rows / ((stat.copyMs + stat.indexMs) / 1000));
  say(
    `  ${table.padEnd(20)} ${String(rows).padStart(9)} rows  ${fmtS(stat.copyMs + stat.indexMs).padStart(7)}  ${String(rate).padStart(8)} rows/s`,
  );
  return stat;
}

export const say = (line: string) => process.stdout.write(`${line}\n`);
const fmtS = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export async function runLoad(options: {
  target: TargetSpec;
  factor: number;
  recreate?: boolean;
  force?: boolean;
}): Promise<LoadResult> {
  const { target, factor } = options;
  const scale = scaleCounts(factor);
  const started = performance.now();
  say(
    `Loading scale ${factor} into ${describeTarget(target)}: ${scale.patients} patients, ${scale.physicians} physicians, ${scale.therapists} therapists, ${scale.referrals} referrals`,
  );
  if (options.recreate ?? true) await recreateTarget(target, options.force ?? false);
  const migrated = await createDb(
    target.kind === "pglite" ? { dataDir: target.dataDir } : { databaseUrl: target.url },
  );
  await migrated.close();
  const db = await openRaw(target);
  try {
    const [{ n } = { n: 0 }] = await db.query<{ n: number }>("select count(*)::int as n from referral");
    if (n > 0) throw new Error("The target already has referrals: load into an empty database (--recreate)");
    if (db.kind === "pglite") await db.query("set session_replication_role = replica");
    await db.query("set maintenance_work_mem = '256MB'");

    const now = Date.now();
    const hash = await hashPassword(BENCH_PASSWORD);
    const ids = rng(7);
    const patients = Array.from({ length: scale.patients }, () => ({
      id: ids.uuid(),
      name: personName(ids),
    }));
    const physicians = Array.from({ length: scale.physicians }, (_, i) => ({
      id: ids.uuid(),
      name: personName(ids, "Dr. "),
      npi: npi(100_000_000 + i * 7919),
      state: STATES[i % STATES.length]!,
    }));
    const therapists = Array.from({ length: scale.therapists }, (_, i) => ({
      id: ids.uuid(),
      name: personName(ids),
      npi: npi(300_000_000 + i * 104_729),
      state: STATES[i % STATES.length]!,
    }));
    const plans = planReferrals(scale, now);
    const userCreated = new Date(now - 800 * DAY);
    const tables: TableStat[] = [];
    const load = async (table: string, columns: string[], lines: Lines) =>
      tables.push(await loadTable(db, table, columns, lines));

    const people = [
      ...patients.map((u, i) => ({ ...u, role: "patient" as const, i })),
      ...physicians.map((u, i) => ({ ...u, role: "physician" as const, i })),
      ...therapists.map((u, i) => ({ ...u, role: "therapist" as const, i })),
    ];
    await load(
      "user",
      ["id", "name", "email", "email_verified", "role", "created_at", "updated_at"],
      async (emit) => {
        for (const u of people)
          await emit(row([u.id, u.name, emailOf(u.role, u.i), true, u.role, userCreated, userCreated]));
      },
    );
    await load(
      "account",
      ["id", "account_id", "provider_id", "user_id", "password", "created_at", "updated_at"],
      async (emit) => {
        for (const u of people)
          await emit(row([ids.uuid(), u.id, "credential", u.id, hash, userCreated, userCreated]));
      },
    );
    await load(
      "patient_profile",
      [
        "user_id",
        "date_of_birth",
        "state",
        "phone",
        "medical_conditions",
        "medications",
        "allergies",
        "updated_at",
      ],
      async (emit) => {
        const r = rng(11);
        for (const [i, u] of patients.entries())
          await emit(
            row([
              u.id,
              `19${r.int(40, 99)}-0${r.int(1, 9)}-1${r.int(0, 9)}`,
              STATES[i % STATES.length],
              `555-01${String(i % 100).padStart(2, "0")}`,
              r.some(pools.CONDITIONS, 0, 2),
              r.some(pools.MEDICATIONS, 0, 2),
              [],
              userCreated,
            ]),
          );
      },
    );
    await load(
      "physician_profile",
      ["user_id", "npi", "practice", "state", "phone", "verified_at", "updated_at"],
      async (emit) => {
        for (const [i, u] of physicians.entries())
          await emit(row([u.id, u.npi, `Clinic ${i % 97}`, u.state, "555-0200", userCreated, userCreated]));
      },
    );
    await load(
      "therapist_profile",
      [
        "user_id",
        "credential_kind",
        "credential_number",
        "credential_state",
        "credential_expires_on",
        "npi",
        "specialties",
        "payers",
        "bio",
        "phone",
        "verified_at",
        "updated_at",
      ],
      async (emit) => {
        const r = rng(13);
        for (const [i, u] of therapists.entries())
          await emit(
            row([
              u.id,
              "license",
              `LMT-${10_000 + i}`,
              u.state,
              isoDate(now + 700 * DAY),
              u.npi,
              arr(r.some(pools.SPECIALTIES, 1, 3)),
              arr(r.some(pools.PAYERS, 1, 3)),
              "Licensed massage therapist focused on medical massage.",
              "555-0300",
              userCreated,
              userCreated,
            ]),
          );
      },
    );
    await load(
      "coverage",
      [
        "id",
        "patient_id",
        "payer_name",
        "plan_name",
        "member_id",
        "group_number",
        "massage_covered",
        "amount_per_session_cents",
        "visits_per_year",
        "prior_auth_required",
        "requires_license",
        "requires_npi",
        "requires_in_network",
        "call_date",
        "call_reference",
        "notes",
        "created_at",
        "updated_at",
      ],
      async (emit) => {
        const r = rng(17);
        for (const [i, u] of patients.entries()) {
          if (i % 5 === 4) continue; // one patient in five has not recorded coverage
          await emit(
            row([
              ids.uuid(),
              u.id,
              r.pick(pools.PAYERS),
              "PPO",
              `M${100_000_000 + i}`,
              `G${i % 1000}`,
              true,
              6000,
              r.pick([null, 20, 30, 52]),
              false,
              true,
              false,
              false,
              isoDate(now - 300 * DAY),
              `REF-${i}`,
              "Covered with a prescription listing diagnosis and frequency.",
              userCreated,
              userCreated,
            ]),
          );
        }
      },
    );
    await load(
      "referral",
      [
        "id",
        "status",
        "version",
        "patient_id",
        "physician_id",
        "therapist_id",
        "kind",
        "body_regions",
        "symptoms",
        "description",
        "pain_now",
        "evening_pain",
        "sleep_hours",
        "medication_doses_per_day",
        "medical_conditions",
        "medications",
        "expectations",
        "onset_date",
        "closed_reason",
        "created_at",
        "updated_at",
      ],
      async (emit) => {
        for (const p of plans) {
          const events = eventsOf(p);
          await emit(
            row([
              p.id,
              p.status,
              events.length - 1,
              patients[p.patient]!.id,
              physicians[p.physician]!.id,
              p.therapist === null ? null : therapists[p.therapist]!.id,
              p.kind,
              arr(p.bodyRegions),
              arr(p.symptoms),
              p.description,
              p.painNow,
              p.eveningPain,
              p.sleepHours,
              p.meds,
              ["Chronic low back pain"],
              ["Ibuprofen 400 mg as needed"],
              { goals: [{ kind: "less_evening_pain" }], desiredFrequency: "weekly" },
              isoDate(p.createdAt - 30 * DAY),
              p.closedReason,
              new Date(p.createdAt),
              new Date(events.at(-1)!.at),
            ]),
          );
        }
      },
    );
    await load(
      "prescription",
      [
        "id",
        "referral_id",
        "patient_id",
        "physician_id",
        "physician_name",
        "physician_npi",
        "diagnosis_codes",
        "sessions_per_week",
        "weeks",
        "total_sessions",
        "cpt_codes",
        "body_regions",
        "precautions",
        "valid_from",
        "expires_on",
        "attestation",
        "signature",
        "signed_at",
        "content_hash",
        "created_at",
      ],
      async (emit) => {
        for (const p of plans) {
          if (!p.rx) continue;
          const rx = p.rx;
          const doc = physicians[p.physician]!;
          const content = {
            referralId: p.id,
            patientId: patients[p.patient]!.id,
            physicianId: doc.id,
            physicianName: doc.name,
            physicianNpi: doc.npi,
            diagnosisCodes: rx.diagnosis,
            sessionsPerWeek: rx.sessionsPerWeek,
            weeks: rx.weeks,
            totalSessions: rx.total,
            cptCodes: rx.cptCodes,
            bodyRegions: p.bodyRegions,
            precautions: "No deep pressure over the lumbar spine.",
            validFrom: rx.validFrom,
            expiresOn: rx.expiresOn,
            attestation: true as const,
            signature: doc.name,
            signedAt: new Date(rx.signedAt).toISOString(),
            previousPrescriptionId: null,
          };
          const hash = createHash("sha256").update(canonicalPrescription(content)).digest("hex");
          await emit(
            row([
              rx.id,
              p.id,
              content.patientId,
              doc.id,
              doc.name,
              doc.npi,
              arr(rx.diagnosis),
              rx.sessionsPerWeek,
              rx.weeks,
              rx.total,
              arr(rx.cptCodes),
              arr(p.bodyRegions),
              content.precautions,
              rx.validFrom,
              rx.expiresOn,
              true,
              doc.name,
              new Date(rx.signedAt),
              hash,
              new Date(rx.signedAt),
            ]),
          );
        }
      },
    );
    await load(
      "therapist_invitation",
      ["id", "referral_id", "therapist_id", "status", "reason", "created_at", "responded_at"],
      async (emit) => {
        for (const p of plans) {
          if (p.therapist === null || !p.invitationId) continue;
          const invited = p.status === "awaiting_therapist";
          await emit(
            row([
              p.invitationId,
              p.id,
              therapists[p.therapist]!.id,
              invited ? "invited" : "accepted",
              null,
              new Date(p.createdAt + 2 * DAY),
              invited ? null : new Date(p.createdAt + 3 * DAY),
            ]),
          );
        }
      },
    );
    const withPlan = plans.filter((p) => p.carePlanId);
    await load(
      "care_plan",
      ["id", "referral_id", "current_version", "created_at", "updated_at"],
      async (emit) => {
        for (const p of withPlan) {
          const at = new Date(p.createdAt + 4 * DAY);
          await emit(row([p.carePlanId, p.id, 1, at, at]));
        }
      },
    );
    await load(
      "care_plan_version",
      ["id", "care_plan_id", "version", "content", "changes", "author_id", "author_role", "created_at"],
      async (emit) => {
        for (const p of withPlan)
          await emit(
            row([
              p.planVersionId,
              p.carePlanId,
              1,
              {
                frequency: "Once a week, 60 minutes",
                techniques: ["Myofascial release", "Trigger point therapy"],
                precautions: "Limit prone time to 45 minutes.",
                homeCare: "Heat 15 minutes in the evening; stretches twice a day.",
              },
              ["Created the plan of care with 4 goals"],
              therapists[p.therapist!]!.id,
              "therapist",
              new Date(p.createdAt + 4 * DAY),
            ]),
          );
      },
    );
    await load(
      "plan_goal",
      ["id", "plan_version_id", "position", "measure", "baseline", "target", "by_date"],
      async (emit) => {
        for (const p of withPlan) {
          const by = isoDate(p.createdAt + 90 * DAY);
          const goals: [string, number, number][] = [
            ["pain", p.painNow, Math.max(0, p.painNow - 3)],
            ["evening_pain", p.eveningPain, Math.max(0, p.eveningPain - 3)],
            ["sleep_hours", p.sleepHours, Math.min(9, p.sleepHours + 2)],
            ["medication_doses", p.meds, Math.max(0, p.meds - 2)],
          ];
          for (const [position, [measure, baseline, target]] of goals.entries())
            await emit(row([ids.uuid(), p.planVersionId, position, measure, baseline, target, by]));
        }
      },
    );
    await load(
      "plan_approval",
      ["id", "care_plan_id", "version", "user_id", "role", "created_at"],
      async (emit) => {
        for (const p of withPlan) {
          if (!isTreatment(p.status)) continue;
          const parties: [string, string, number][] = [
            [physicians[p.physician]!.id, "physician", 5],
            [therapists[p.therapist!]!.id, "therapist", 5.2],
            [patients[p.patient]!.id, "patient", 5.5],
          ];
          for (const [userId, role, day] of parties)
            await emit(row([ids.uuid(), p.carePlanId, 1, userId, role, new Date(p.createdAt + day * DAY)]));
        }
      },
    );
    const treated = plans.filter((p) => isTreatment(p.status));
    await load(
      "therapy_session",
      [
        "id",
        "referral_id",
        "prescription_id",
        "therapist_id",
        "occurred_at",
        "minutes",
        "techniques",
        "body_regions",
        "pressure",
        "subjective",
        "objective",
        "assessment",
        "plan",
        "pain_before",
        "pain_after",
        "cpt_code",
        "units",
        "created_at",
      ],
      async (emit) => {
        for (const p of treated) {
          const therapistId = therapists[p.therapist!]!.id;
          for (const s of sessionsOf(p))
            await emit(
              row([
                s.id,
                p.id,
                p.rx!.id,
                therapistId,
                new Date(s.at),
                s.minutes,
                arr(s.techniques),
                arr(p.bodyRegions),
                s.pressure,
                `Patient reports pain ${s.painBefore}/10 today.`,
                "Hypertonic paraspinals, trigger points in the right quadratus lumborum.",
                "Tissue response good; range of motion improved.",
                "Continue as planned.",
                s.painBefore,
                s.painAfter,
                s.cptCode,
                s.units,
                new Date(s.at + 3_600_000),
              ]),
            );
        }
      },
    );
    await load(
      "progress_report",
      [
        "id",
        "referral_id",
        "patient_id",
        "pain_now",
        "evening_pain",
        "sleep_hours",
        "medication_doses",
        "note",
        "created_at",
      ],
      async (emit) => {
        for (const p of treated) {
          const patientId = patients[p.patient]!.id;
          for (const rep of reportsOf(p))
            await emit(
              row([
                rep.id,
                p.id,
                patientId,
                rep.painNow,
                rep.eveningPain,
                rep.sleepHours,
                rep.medicationDoses,
                rep.note,
                new Date(rep.at),
              ]),
            );
        }
      },
    );
    await load(
      "timeline_event",
      ["id", "referral_id", "actor_id", "actor_role", "type", "data", "created_at"],
      async (emit) => {
        for (const p of plans) {
          const actors = {
            patient: patients[p.patient]!.id,
            physician: physicians[p.physician]!.id,
            therapist: p.therapist === null ? null : therapists[p.therapist]!.id,
            system: null,
          };
          // Rows go in per referral, oldest first, so the identity `seq` orders each timeline as appends would.
          for (const e of eventsOf(p))
            await emit(row([ids.uuid(), p.id, actors[e.actor], e.actor, e.type, e.data, new Date(e.at)]));
        }
      },
    );

    // What the write path keeps when it signs and renews: each referral's last valid day, from its tip prescription.
    await db.query(`update referral set prescription_expires_on = p.expires_on from prescription p
      where p.referral_id = referral.id
        and not exists (select 1 from prescription r where r.previous_prescription_id = p.id)`);
    const analyzeStarted = performance.now();
    if (db.kind === "pglite") await db.query("set session_replication_role = origin");
    await db.query("vacuum analyze");
    say(`  vacuum analyze       ${fmtS(performance.now() - analyzeStarted).padStart(25)}`);
    const totalMs = performance.now() - started;
    const rows = tables.reduce((a, t) => a + t.rows, 0);
    say(
      `Loaded ${rows} rows in ${fmtS(totalMs)} (${Math.round(rows / (totalMs / 1000))} rows/s overall, migrations and vacuum included)`,
    );
    return { scale, factor, totalMs, tables, rows };
  } finally {
    await db.close();
  }
}

function parseArgs(argv: string[]) {
  const args = argv.filter((a) => a !== "--");
  let factor = 1;
  let recreate = true;
  let force = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--scale") factor = Number(args[++i]);
    else if (a.startsWith("--scale=")) factor = Number(a.slice(8));
    else if (a === "--recreate") force = true;
    else if (a === "--no-recreate") recreate = false;
    else throw new Error(`Unknown argument ${a}: use --scale <factor> [--recreate] [--no-recreate]`);
  }
  if (!Number.isFinite(factor) || factor <= 0 || factor > 10) throw new Error("--scale must be in (0, 10]");
  return { factor, recreate, force };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { factor, recreate, force } = parseArgs(process.argv.slice(2));
  runLoad({ target: targetFromEnv(), factor, recreate, force }).catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
