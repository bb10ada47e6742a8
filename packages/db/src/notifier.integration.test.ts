import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresNotifier } from "./notifier";
import { createTestDatabase, createTestDb, type TestDb, tcpRelay, testDbTargets } from "./testing";

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

const until = async (ok: () => boolean, ms = 5000) => {
  for (const end = Date.now() + ms; !ok(); ) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe.skipIf(!process.env.TEST_DATABASE_URL)("PostgreSQL notifier through an outage", () => {
  let fresh: Awaited<ReturnType<typeof createTestDatabase>>;
  let relay: Awaited<ReturnType<typeof tcpRelay>>;
  let admin: pg.Client;
  beforeAll(async () => {
    fresh = await createTestDatabase();
    relay = await tcpRelay(new URL(fresh.url));
    admin = new pg.Client({ connectionString: fresh.url });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await relay?.cut();
    await fresh?.drop();
  });

  it("keeps trying while the database is unreachable, then listens again and says so once", async () => {
    const notifier = createPostgresNotifier(relay.url);
    try {
      const received: string[] = [];
      await notifier.subscribe("outage_a", (p) => received.push(`a:${p}`));
      await notifier.subscribe("outage_b", (p) => received.push(`b:${p}`));
      let reconnects = 0;
      notifier.onReconnect(() => reconnects++);

      await relay.cut();
      // Sent while the listener is away: lost, which is why watchers are told to re-read.
      await admin.query(`select pg_notify('outage_a', 'while-away')`);
      await new Promise((r) => setTimeout(r, 1500)); // several failed reconnect attempts
      expect(reconnects).toBe(0);
      await relay.restore();

      await until(() => reconnects > 0, 15_000);
      await new Promise((r) => setTimeout(r, 200));
      expect(reconnects).toBe(1); // two channels re-listened, one report
      await admin.query(`select pg_notify('outage_a', 'after'), pg_notify('outage_b', 'after')`);
      await until(() => received.length === 2);
      expect(received.sort()).toEqual(["a:after", "b:after"]);
    } finally {
      await notifier.close();
    }
  }, 30_000);

  it("a subscribe refused while the database is unreachable is retried by the next one, heard once", async () => {
    await relay.cut();
    const notifier = createPostgresNotifier(relay.url);
    try {
      const received: string[] = [];
      await expect(notifier.subscribe("outage_c", (p) => received.push(p))).rejects.toThrow();
      await relay.restore();
      await new Promise((r) => setTimeout(r, 1000)); // postgres.js re-tries the refused LISTEN meanwhile
      await notifier.subscribe("outage_c", (p) => received.push(p));
      await admin.query(`select pg_notify('outage_c', 'one')`);
      await until(() => received.length > 0);
      await new Promise((r) => setTimeout(r, 200));
      expect(received).toEqual(["one"]);
    } finally {
      await notifier.close();
    }
  }, 30_000);
});

describe.skipIf(!process.env.TEST_DATABASE_URL)("DATABASE_DIRECT_URL", () => {
  it("carries LISTEN and the migration lock; queries go through DATABASE_URL (the pooler)", async () => {
    const fresh = await createTestDatabase();
    const pooler = await tcpRelay(new URL(fresh.url));
    const direct = await tcpRelay(new URL(fresh.url));
    const { createDb } = await import("./client");
    const handle = await createDb({ databaseUrl: pooler.url, directUrl: direct.url, poolSize: 2 });
    try {
      // Migrated under the advisory lock, and listening, without a single pooled connection.
      expect(pooler.connections()).toBe(0);
      expect(await handle.notifier.ping(2000)).toBe(true);
      expect(direct.connections()).toBeGreaterThanOrEqual(2);
      const { sql } = await import("drizzle-orm");
      await handle.db.execute(sql`select 1`);
      expect(pooler.connections()).toBeGreaterThan(0);
      // The pooler going away does not touch the listener.
      await pooler.cut();
      expect(await handle.notifier.ping(2000)).toBe(true);
    } finally {
      await handle.close();
      await direct.cut();
      await fresh.drop();
    }
  }, 60_000);
});
