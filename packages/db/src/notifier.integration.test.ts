import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, createTestDb, type TestDb, testDbTargets } from "./testing";

describe.each(testDbTargets())("notifier on %s", (target) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(target);
  });
  afterAll(async () => db?.close());

  it("hears its own ping (readiness)", async () => {
    expect(await db.notifier.ping(2000)).toBe(true);
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)("PostgreSQL notifier reconnects", () => {
  let fresh: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: TestDb;
  beforeAll(async () => {
    fresh = await createTestDatabase();
    const { createDb } = await import("./client");
    db = { ...(await createDb({ databaseUrl: fresh.url, directUrl: fresh.url, poolSize: 2 })), label: "pg" };
  });
  afterAll(async () => {
    await db?.close();
    await fresh?.drop();
  });

  it("re-listens after its connection is killed, and says so", async () => {
    const received: string[] = [];
    await db.notifier.subscribe("reconnect_test", (p) => received.push(p));
    const reconnected = new Promise<void>((r) => db.notifier.onReconnect(r));
    const admin = new pg.Client({ connectionString: fresh.url });
    await admin.connect();
    try {
      const killed = await admin.query(
        `select pg_terminate_backend(pid) from pg_stat_activity
          where application_name = 'mm-notifier' and datname = current_database()`,
      );
      expect(killed.rowCount).toBe(1);
      await reconnected;
      await admin.query(`select pg_notify('reconnect_test', 'after')`);
      for (let i = 0; i < 100 && !received.includes("after"); i++)
        await new Promise((r) => setTimeout(r, 20));
      expect(received).toContain("after");
      expect(await db.notifier.ping(2000)).toBe(true);
    } finally {
      await admin.end();
    }
  });
});
