import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, queryRows } from "./client";
import { referral, user } from "./schema/index";
import { createTestDb, type TestDb, testDbTargets } from "./testing";

const EXPECTED_TABLES = [
  "account",
  "appointment",
  "audit_log",
  "availability_exception",
  "availability_window",
  "calendar_feed",
  "care_plan",
  "care_plan_version",
  "coverage",
  "letter",
  "message",
  "missed_visit",
  "notification",
  "notification_preference",
  "patient_profile",
  "physician_profile",
  "plan_approval",
  "plan_goal",
  "prescription",
  "progress_report",
  "quiz_answer",
  "quiz_attempt",
  "rate_limit",
  "referral",
  "referral_visit",
  "session",
  "session_addendum",
  "therapist_fee",
  "therapist_invitation",
  "therapist_profile",
  "therapist_schedule",
  "therapy_session",
  "timeline_event",
  "two_factor",
  "uploaded_file",
  "user",
  "verification",
];

describe.each(testDbTargets())("migrations on %s", (target) => {
  let handle: TestDb;
  // Start-up (PGlite's initdb, then every migration from an empty database) is a hook, with the hook's time limit:
  // on a loaded machine it takes tens of seconds, and each test below reads the same database without depending on
  // another test having run first. PGlite starts empty here, not from the suites' migrated template.
  beforeAll(async () => {
    handle =
      target === "pglite"
        ? { ...(await createDb({ dataDir: "memory://" })), label: "PGlite" }
        : await createTestDb(target);
  });
  afterAll(async () => handle?.close());

  it("apply to an empty database and create every table", async () => {
    const rows = await queryRows<{ table_name: string }>(
      handle.db,
      sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
    expect(rows.map((r) => r.table_name)).toEqual(EXPECTED_TABLES);
  });

  it("index every foreign key column", async () => {
    // A foreign key without an index on its referencing column makes deletes and joins scan the child table.
    const rows = await queryRows<{ tbl: string; col: string }>(
      handle.db,
      sql`
      select c.conrelid::regclass::text as tbl, a.attname as col
      from pg_constraint c
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      where c.contype = 'f' and not exists (
        select 1 from pg_index i where i.indrelid = c.conrelid and i.indkey[0] = c.conkey[1]
      )`,
    );
    expect(rows).toEqual([]);
  });

  it("refuse overlapping live appointments of one therapist (exclusion constraint), not cancelled ones", async () => {
    const users = await handle.db
      .insert(user)
      .values(
        [1, 2, 3].map((n) => ({
          id: randomUUID(),
          name: `U${n}`,
          email: `excl-${randomUUID()}@test.example`,
          role: "patient" as const,
        })),
      )
      .returning({ id: user.id });
    const [therapist, patientA, patientB] = users.map((r) => r.id);
    const [ref] = await handle.db
      .insert(referral)
      .values({
        patientId: patientA as string,
        physicianId: therapist as string,
        kind: "chronic",
        bodyRegions: [],
        symptoms: [],
        description: "x",
        painNow: 1,
        eveningPain: 1,
        sleepHours: 7,
        medicationDosesPerDay: 0,
        expectations: { goals: [], desiredFrequency: "weekly" } as never,
      })
      .returning({ id: referral.id });
    const book = (patient: string | undefined, start: string, end: string, status = "requested") =>
      handle.db.execute(
        sql`insert into appointment (referral_id, therapist_id, patient_id, starts_at, ends_at, minutes, location, status)
            values (${ref?.id}, ${therapist}, ${patient}, ${start}, ${end}, 60, 'clinic', ${status})`,
      );
    await book(patientA, "2030-01-07T14:00:00Z", "2030-01-07T15:00:00Z", "cancelled");
    await book(patientA, "2030-01-07T14:00:00Z", "2030-01-07T15:00:00Z");
    // Touching ranges do not overlap: [14:00, 15:00) and [15:00, 16:00).
    await book(patientA, "2030-01-07T15:00:00Z", "2030-01-07T16:00:00Z", "confirmed");
    const refused = await book(patientB, "2030-01-07T14:30:00Z", "2030-01-07T15:30:00Z").then(
      () => null,
      (e: unknown) => e as { cause?: { code?: string; constraint?: string } },
    );
    expect(refused?.cause?.code).toBe("23P01");
    expect(refused?.cause?.constraint).toBe("appointment_therapist_no_overlap");
  });

  it("delivers NOTIFY only after commit", async () => {
    const received: string[] = [];
    const unsubscribe = await handle.notifier.subscribe("test_channel", (p) => received.push(p));
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_notify('test_channel', 'hello')`);
      expect(received).toEqual([]);
    });
    await expect.poll(() => received, { timeout: 5000 }).toEqual(["hello"]);
    unsubscribe();
  });
});
