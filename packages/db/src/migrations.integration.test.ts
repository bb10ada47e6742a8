import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, queryRows } from "./client";
import { createTestDb, type TestDb, testDbTargets } from "./testing";

const EXPECTED_TABLES = [
  "account",
  "audit_log",
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
  "session",
  "session_addendum",
  "therapist_fee",
  "therapist_invitation",
  "therapist_profile",
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
