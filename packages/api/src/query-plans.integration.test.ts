// The hot read paths are served by their index, not by a sequential scan of the big tables. Runs the real
// procedures on PostgreSQL (PGlite has no realistic planner statistics), records the exact SQL they send, and
// EXPLAINs each statement with its own parameters against tables filled with enough rows for the planner to care.
import { testDbTargets } from "@mm/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerAs } from "./caller-as";
import type { SessionUser } from "./context";
import { referralsPastExpiry } from "./queries/prescription";
import { createTestApi, type TestApi } from "./testing/test-support";

/** Active referrals past expiry among the 4,000 active ones. */
const DUE = 5;

const BIG_TABLES = ["referral", "timeline_event", "therapy_session", "progress_report"];

type QueryFn = (config: unknown, values?: unknown) => Promise<{ rows: Record<string, unknown>[] }>;
type Recorded = { text: string; values: unknown[] };
type PlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  Plans?: PlanNode[];
};
type Scan = { node: string; relation?: string; index?: string };

function scansOf(node: PlanNode, out: Scan[] = []): Scan[] {
  if (node["Relation Name"] || node["Index Name"]) {
    out.push({ node: node["Node Type"], relation: node["Relation Name"], index: node["Index Name"] });
  }
  for (const child of node.Plans ?? []) scansOf(child, out);
  return out;
}

const INDEX_NODES = new Set(["Index Scan", "Index Only Scan", "Bitmap Index Scan"]);

const targets = testDbTargets().filter((t) => t === "postgres");

describe.skipIf(targets.length === 0)("query plans of the hot reads on PostgreSQL", () => {
  let api: TestApi;
  let pool: { query: QueryFn };
  let originalQuery: QueryFn;
  let recording: Recorded[] | null = null;
  const users: Record<"physician" | "patient" | "therapist", SessionUser> = {} as never;
  let activeReferralId = "";

  const sql = (text: string, values: unknown[] = []) => originalQuery.call(pool, text, values);

  beforeAll(async () => {
    api = await createTestApi("postgres");
    pool = (api.db as unknown as { $client: { query: QueryFn } }).$client;
    originalQuery = pool.query;
    pool.query = function (this: unknown, config: unknown, values?: unknown) {
      if (recording) {
        const text = typeof config === "string" ? config : (config as { text: string }).text;
        const params = Array.isArray(values) ? values : ((config as { values?: unknown[] }).values ?? []);
        recording.push({ text, values: params });
      }
      return originalQuery.call(this, config, values);
    } as QueryFn;

    // 20,000 referrals over 100 physicians, 2,000 patients and 200 therapists; 100,000 timeline events,
    // 40,000 sessions, 30,000 patient reports: enough that a sequential scan is never the cheap plan by accident.
    await sql(`
      insert into "user" (name, email, role, email_verified)
        select 'Patient ' || g, 'qp-patient' || g || '@test.example', 'patient', true from generate_series(1, 2000) g
        union all
        select 'Dr. ' || g, 'qp-physician' || g || '@test.example', 'physician', true from generate_series(1, 100) g
        union all
        select 'Therapist ' || g, 'qp-therapist' || g || '@test.example', 'therapist', true from generate_series(1, 200) g`);
    await sql(`
      create temp table qp_user as
        select role, row_number() over (partition by role order by email) - 1 as n, id from "user"`);
    await sql(`
      insert into referral (status, patient_id, physician_id, therapist_id, kind, body_regions, symptoms,
                            description, pain_now, evening_pain, sleep_hours, medication_doses_per_day,
                            expectations, created_at)
        select (array['requested','needs_info','prescribed','active','completed'])[1 + g % 5],
               pa.id, ph.id, case when g % 5 >= 3 then th.id end, 'chronic', '{lower_back}', '{pain}',
               'Low back pain', 6, 7, 5, 2, '{"goals":[],"desiredFrequency":"weekly"}',
               now() - g * interval '7 minutes'
          from generate_series(1, 20000) g
          join qp_user pa on pa.role = 'patient' and pa.n = g % 2000
          join qp_user ph on ph.role = 'physician' and ph.n = g % 100
          join qp_user th on th.role = 'therapist' and th.n = g % 200`);
    await sql(`
      insert into therapist_invitation (referral_id, therapist_id, status, created_at, responded_at)
        select id, therapist_id, 'accepted', created_at, created_at from referral where therapist_id is not null`);
    await sql(`
      insert into prescription (referral_id, patient_id, physician_id, physician_name, physician_npi,
                                diagnosis_codes, sessions_per_week, weeks, total_sessions, cpt_codes, body_regions,
                                valid_from, expires_on, attestation, signature, signed_at, content_hash, created_at)
        select id, patient_id, physician_id, 'Dr.', '1234567893', '{M54.50}', 1, 8, 8, '{97124}', '{lower_back}',
               current_date - 30, current_date + 60, true, 'Dr.', created_at, 'x', created_at
          from referral where status in ('prescribed', 'active', 'completed')`);
    // What the write path keeps on signing; the 5 oldest active referrals' prescriptions ended two days ago.
    await sql(`
      update referral set prescription_expires_on = current_date + 60
       where status in ('prescribed', 'active', 'completed')`);
    await sql(`
      with due as (select id from referral where status = 'active' order by created_at limit ${DUE})
      update referral set prescription_expires_on = current_date - 2 from due where due.id = referral.id`);
    await sql(`
      insert into timeline_event (referral_id, actor_role, type, data, created_at)
        select r.id, 'system', 'referral_requested', '{}', r.created_at + k * interval '1 minute'
          from referral r cross join generate_series(1, 5) k order by r.id, k`);
    await sql(`
      insert into therapy_session (referral_id, prescription_id, therapist_id, occurred_at, minutes, techniques,
                                   body_regions, pressure, subjective, pain_before, pain_after, cpt_code, units)
        select r.id, p.id, r.therapist_id, r.created_at + k * interval '1 day', 55, '{Swedish}', '{lower_back}',
               'firm', 'ok', 5, 3, '97124', 4
          from referral r join prescription p on p.referral_id = r.id cross join generate_series(1, 5) k
         where r.status in ('active', 'completed')`);
    await sql(`
      insert into progress_report (referral_id, patient_id, pain_now, evening_pain, sleep_hours, medication_doses,
                                   created_at)
        select r.id, r.patient_id, 4, 5, 6, 1, r.created_at + k * interval '2 days'
          from referral r cross join generate_series(1, 4) k where r.status in ('active', 'completed')`);
    // Every referral read a few times by its physician: the audit trail outgrows every other table.
    await sql(`
      insert into audit_log (actor_id, actor_role, action, referral_id, entity, entity_id, created_at)
        select r.physician_id, 'physician', 'referral.read', r.id, 'referral', r.id, r.created_at + k * interval '1 hour'
          from referral r cross join generate_series(1, 5) k`);
    await sql("vacuum analyze");

    const [active] = (
      await sql(
        `select r.id, r.patient_id, r.physician_id, r.therapist_id from referral r
          where r.status = 'active' order by r.created_at desc limit 1`,
      )
    ).rows as { id: string; patient_id: string; physician_id: string; therapist_id: string }[];
    activeReferralId = active!.id;
    const party = async (id: string) => {
      const [u] = (await sql(`select id, name, email, role from "user" where id = $1`, [id])).rows;
      return u as SessionUser;
    };
    users.physician = await party(active!.physician_id);
    users.patient = await party(active!.patient_id);
    users.therapist = await party(active!.therapist_id);
  }, 180_000);

  afterAll(async () => {
    if (pool && originalQuery) pool.query = originalQuery;
    await api?.close();
  });

  /** Runs one procedure, then EXPLAINs every SELECT it sent (with its own parameters). */
  async function plansOf(run: () => Promise<unknown>) {
    const done: Recorded[] = [];
    recording = done;
    try {
      await run();
    } finally {
      recording = null;
    }
    const selects = done.filter((q) => /^\s*select\b/i.test(q.text) && !/pg_notify/i.test(q.text));
    const out: { sql: string; values: unknown[]; scans: Scan[] }[] = [];
    for (const q of selects) {
      const res = await sql(`explain (format json) ${q.text}`, q.values);
      const plan = (res.rows[0]!["QUERY PLAN"] as { Plan: PlanNode }[])[0]!.Plan;
      out.push({ sql: q.text, values: q.values, scans: scansOf(plan) });
    }
    return out;
  }

  /** No sequential scan of a big table anywhere, and each intended index (or one of its equivalents) used. */
  function expectIndexed(
    plans: { sql: string; scans: Scan[] }[],
    intended: { table: string; index: string | string[] }[],
  ) {
    expect(plans.length).toBeGreaterThan(0);
    for (const p of plans) {
      const seq = p.scans.filter((s) => s.node === "Seq Scan" && BIG_TABLES.includes(s.relation ?? ""));
      expect(seq, `sequential scan in:\n${p.sql}\n${JSON.stringify(p.scans)}`).toEqual([]);
    }
    const used = plans.flatMap((p) => p.scans).filter((s) => INDEX_NODES.has(s.node));
    for (const want of intended) {
      const accepted = Array.isArray(want.index) ? want.index : [want.index];
      const hit = used.some((s) => accepted.includes(s.index ?? ""));
      expect(
        hit,
        `${want.table} should be read through ${accepted.join(" or ")}; plans:\n${plans.map((p) => `${p.sql}\n  ${JSON.stringify(p.scans)}`).join("\n")}`,
      ).toBe(true);
    }
  }

  it("physician inbox (newest first, keyset pages) uses referral_physician_created_idx", async () => {
    const physician = callerAs(api.deps, users.physician);
    const plans = await plansOf(() => physician.referral.list({}));
    // The page and the counts per status in one statement.
    expect(plans).toHaveLength(1);
    expectIndexed(plans, [{ table: "referral", index: "referral_physician_created_idx" }]);
    const first = await physician.referral.list({});
    expect(first.nextCursor).not.toBeNull();
    const next = await plansOf(() => physician.referral.list({ cursor: first.nextCursor! }));
    expectIndexed(next, [{ table: "referral", index: "referral_physician_created_idx" }]);
  });

  it("physician inbox filtered by status uses referral_physician_status_created_idx", async () => {
    const physician = callerAs(api.deps, users.physician);
    const plans = await plansOf(() => physician.referral.list({ status: "requested" }));
    expectIndexed(plans, [{ table: "referral", index: "referral_physician_status_created_idx" }]);
  });

  it("patient's referral list uses referral_patient_created_idx", async () => {
    const patient = callerAs(api.deps, users.patient);
    const plans = await plansOf(() => patient.referral.list({}));
    expectIndexed(plans, [{ table: "referral", index: "referral_patient_created_idx" }]);
  });

  it("therapist's referral list reaches referrals through their invitations, not a scan", async () => {
    const therapist = callerAs(api.deps, users.therapist);
    const plans = await plansOf(() => therapist.referral.list({}));
    expectIndexed(plans, [
      { table: "therapist_invitation", index: "therapist_invitation_therapist_created_idx" },
    ]);
  });

  it("referral.get is one statement that reads the referral by primary key", async () => {
    const physician = callerAs(api.deps, users.physician);
    const plans = await plansOf(() => physician.referral.get({ id: activeReferralId }));
    expect(plans).toHaveLength(1);
    expectIndexed(plans, [
      { table: "referral", index: "referral_pkey" },
      { table: "prescription", index: "prescription_referral_created_idx" },
    ]);
  });

  // (referral_id, seq) is the only timeline index: every page is an ordered scan that stops at the page size.
  it("a timeline page (seq > cursor order by seq limit 51) is read through the referral's timeline index", async () => {
    const patient = callerAs(api.deps, users.patient);
    const plans = await plansOf(() => patient.timeline.list({ referralId: activeReferralId }));
    // The access check rides in the same statement.
    expect(plans).toHaveLength(1);
    expectIndexed(plans, [
      {
        table: "timeline_event",
        index: "timeline_event_referral_seq_idx",
      },
    ]);
    const page = await patient.timeline.list({ referralId: activeReferralId, limit: 2 });
    const next = await plansOf(() =>
      patient.timeline.list({ referralId: activeReferralId, cursor: page.nextCursor! }),
    );
    expectIndexed(next, [
      {
        table: "timeline_event",
        index: "timeline_event_referral_seq_idx",
      },
    ]);
  });

  it("sessions by referral use therapy_session_referral_occurred_idx", async () => {
    const therapist = callerAs(api.deps, users.therapist);
    const plans = await plansOf(() => therapist.session.list({ referralId: activeReferralId }));
    expectIndexed(plans, [{ table: "therapy_session", index: "therapy_session_referral_occurred_idx" }]);
  });

  // One statement gathers the whole series; every part of it is an index lookup by referral (or patient).
  const PROGRESS_INDEXES = [
    { table: "referral", index: "referral_pkey" },
    { table: "therapy_session", index: "therapy_session_referral_occurred_idx" },
    { table: "progress_report", index: "progress_report_referral_created_idx" },
    { table: "prescription", index: "prescription_referral_created_idx" },
    { table: "therapy_session", index: "therapy_session_prescription_idx" },
    { table: "referral", index: "referral_patient_created_idx" },
  ];

  it("progress.series is one statement, read through the referral's indexes", async () => {
    const patient = callerAs(api.deps, users.patient);
    const plans = await plansOf(() => patient.progress.series({ referralId: activeReferralId }));
    expect(plans).toHaveLength(1);
    expectIndexed(plans, PROGRESS_INDEXES);
  });

  it("progress.summary is one statement, adding the latest share through the timeline index", async () => {
    const therapist = callerAs(api.deps, users.therapist);
    const plans = await plansOf(() => therapist.progress.summary({ referralId: activeReferralId }));
    expect(plans).toHaveLength(1);
    expectIndexed(plans, [
      ...PROGRESS_INDEXES,
      { table: "timeline_event", index: "timeline_event_referral_seq_idx" },
      { table: "user", index: "user_pkey" },
    ]);
  });

  it("audit.myRecord reads the patient's referrals' audit rows through audit_log_referral_created_idx", async () => {
    const patient = callerAs(api.deps, users.patient);
    const plans = await plansOf(() => patient.audit.myRecord({ limit: 20 }));
    expect(plans).toHaveLength(1);
    expectIndexed(plans, [
      { table: "audit_log", index: "audit_log_referral_created_idx" },
      { table: "referral", index: "referral_patient_created_idx" },
    ]);
    expect(plans[0]!.scans.filter((s) => s.node === "Seq Scan" && s.relation === "audit_log")).toEqual([]);
    const first = await patient.audit.myRecord({ limit: 20 });
    expect(first.nextCursor).not.toBeNull();
    const next = await plansOf(() => patient.audit.myRecord({ limit: 20, cursor: first.nextCursor! }));
    expectIndexed(next, [{ table: "audit_log", index: "audit_log_referral_created_idx" }]);
  });

  it("the expiry check starts from what is due: referral_active_expiry_idx, reading only the due rows", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const plans = await plansOf(() => referralsPastExpiry(api.db, today));
    expect(plans).toHaveLength(1);
    expectIndexed(plans, [{ table: "referral", index: "referral_active_expiry_idx" }]);
    // Executed: the index hands over the due rows and nothing else (not the 4,000 active referrals).
    const res = await sql(`explain (analyze, format json) ${plans[0]!.sql}`, plans[0]!.values);
    const plan = (res.rows[0]!["QUERY PLAN"] as { Plan: PlanNode & { "Actual Rows": number } }[])[0]!.Plan;
    const found = (n: PlanNode & { "Actual Rows"?: number }): (PlanNode & { "Actual Rows"?: number })[] => [
      ...(n["Index Name"] === "referral_active_expiry_idx" ? [n] : []),
      ...(n.Plans ?? []).flatMap(found),
    ];
    const [scan] = found(plan);
    expect(scan?.["Actual Rows"]).toBe(DUE);
    expect((await referralsPastExpiry(api.db, today)).length).toBe(DUE);
  });
});
