import { prescription } from "@mm/db";
import { testDbTargets } from "@mm/db/testing";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activeReferral, type Parties } from "./testing/episode";
import {
  coverageInput,
  inDays,
  prescriptionInput,
  therapistProfileInput,
  today,
} from "./testing/referral-fixtures";
import { createTestApi, SAMPLE, type TestApi } from "./testing/test-support";
import { eventsOf, goalsFrom, REQUEST_BASELINES } from "./testing/treatment-fixtures";

// The PostgreSQL driver's pool, as far as these tests use it (a second connection that holds a lock).
type Rows<T> = { rows: T[] };
type PoolClient = { query<T = unknown>(text: string, values?: unknown[]): Promise<Rows<T>>; release(): void };
type Pool = PoolClient & { connect(): Promise<PoolClient> };

/**
 * Writes that race on one referral. The interleavings only happen with real connections (PGlite runs one
 * transaction at a time), so the PostgreSQL runs are the ones that matter.
 */
describe.each(testDbTargets())("racing writes on %s", (target) => {
  let api: TestApi;
  const p = {} as Parties;

  beforeAll(async () => {
    api = await createTestApi(target);
    p.patient = await api.member(SAMPLE.patient("Racing Patient"));
    p.physician = await api.member(SAMPLE.physician("Dr. Racing"));
    p.therapist = await api.member(therapistProfileInput("Racing Therapist"));
  });
  afterAll(async () => api?.close());

  it("eight concurrent renewals make one consistent chain, and the next renewal still succeeds", async () => {
    // The plan's goals are due by the short prescription's expiry (a by-date after it is refused).
    const { referralId } = await activeReferral(p, {
      rx: { validFrom: inDays(-5), expiresOn: inDays(20) },
      plan: { goals: goalsFrom(REQUEST_BASELINES, inDays(20)) },
    });
    const renew = () =>
      p.physician.caller.prescription.renew(
        prescriptionInput(referralId, { validFrom: today(), expiresOn: inDays(60) }),
      );
    const settled = await Promise.allSettled(Array.from({ length: 8 }, renew));
    expect(settled.map((s) => s.status)).toEqual(Array(8).fill("fulfilled"));

    const rows = await api.db
      .select({ id: prescription.id, previous: prescription.previousPrescriptionId })
      .from(prescription)
      .where(eq(prescription.referralId, referralId))
      .orderBy(asc(prescription.createdAt));
    expect(rows).toHaveLength(9);
    // One original, and each later prescription renews exactly the one before it in the record's order.
    const record = await p.physician.caller.referral.get({ id: referralId });
    const chain = record.prescriptions;
    expect(chain[0]?.previousPrescriptionId).toBeNull();
    for (let i = 1; i < chain.length; i++) expect(chain[i]?.previousPrescriptionId).toBe(chain[i - 1]?.id);
    const tip = chain.at(-1);
    expect(record.currentPrescription?.id).toBe(tip?.id);

    const ninth = await renew();
    const after = await p.physician.caller.referral.get({ id: referralId });
    expect(after.currentPrescription).toMatchObject({
      id: ninth.prescriptionId,
      previousPrescriptionId: tip?.id,
    });
  });

  it.skipIf(target !== "postgres")(
    "saving insurance while another write holds a referral: a catch-up reader still sees every event, in order",
    async () => {
      const { referralId } = await activeReferral(p);
      const pool = (api.db as unknown as { $client: Pool }).$client;
      const reader = async (after: number) => {
        const page = await p.patient.caller.timeline.list({ referralId, cursor: String(after), limit: 200 });
        return page.items.map((e) => e.seq);
      };
      const seen: number[] = [];
      let cursor = 0;
      const readOn = async () => {
        for (const seq of await reader(cursor)) {
          seen.push(seq);
          cursor = seq;
        }
      };
      await readOn();

      // Another writer (as a session log does) holds the referral's lock while it appends its event.
      const holder: PoolClient = await pool.connect();
      try {
        await holder.query("begin");
        await holder.query("select 1 from referral where id = $1 for update", [referralId]);
        const saving = p.patient.caller.coverage.upsert(coverageInput());
        await waitForLockWait(pool);
        await holder.query(
          `insert into timeline_event (referral_id, actor_role, type, data)
           values ($1, 'therapist', 'message_posted', '{}')`,
          [referralId],
        );
        await holder.query("commit");
        // A live stream woken by that commit reads on from its cursor.
        await readOn();
        await saving;
      } finally {
        holder.release();
      }
      await readOn();
      const all = (await eventsOf(api, referralId)).map((e) => e.seq);
      expect(seen).toEqual(all);
      expect((await eventsOf(api, referralId, "coverage_recorded")).length).toBe(1);
    },
  );
});

/** Until some statement of another connection waits for a row lock (the insurance save reaching the held row). */
async function waitForLockWait(pool: Pool) {
  for (let i = 0; i < 200; i++) {
    const { rows } = await pool.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()`,
    );
    if ((rows[0]?.n ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("the insurance save never reached the held referral");
}
