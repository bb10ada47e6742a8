/**
 * /readyz tells a load balancer whether this instance can serve: the database answers and the LISTEN connection
 * (DATABASE_DIRECT_URL) hears its own NOTIFY. Each is cut in turn through a relay in front of PostgreSQL.
 */
import { createDb } from "@mm/db";
import { createTestDatabase, tcpRelay } from "@mm/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "./test-server";

type Relay = Awaited<ReturnType<typeof tcpRelay>>;

describe.skipIf(!process.env.TEST_DATABASE_URL)("readiness on PostgreSQL", () => {
  let fresh: Awaited<ReturnType<typeof createTestDatabase>>;
  let pooled: Relay;
  let direct: Relay;
  let s: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    fresh = await createTestDatabase();
    pooled = await tcpRelay(new URL(fresh.url));
    direct = await tcpRelay(new URL(fresh.url));
    const database = await createDb({ databaseUrl: pooled.url, directUrl: direct.url, poolSize: 2 });
    s = await startTestServer("postgres", { database });
  }, 60_000);
  afterAll(async () => {
    await s?.close();
    await pooled?.cut();
    await direct?.cut();
    await fresh?.drop();
  });

  const ready = async () => {
    const res = await fetch(`${s.origin}/readyz`);
    return { status: res.status, ...((await res.json()) as { database: boolean; listener: boolean }) };
  };
  const eventually = async (want: object, ms = 15_000) => {
    const end = Date.now() + ms;
    for (;;) {
      const got = await ready();
      if (Object.entries(want).every(([k, v]) => got[k as keyof typeof got] === v) || Date.now() > end)
        return got;
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  it("is ready while both connections work", async () => {
    expect(await ready()).toEqual({ status: 200, ok: true, database: true, listener: true });
  });

  it("answers 503 naming the listener while the LISTEN connection is down, ready again once it is back", async () => {
    await direct.cut();
    expect(await eventually({ listener: false })).toMatchObject({
      status: 503,
      database: true,
      listener: false,
    });
    // /healthz stays cheap and up: the process is alive, just not ready.
    expect((await fetch(`${s.origin}/healthz`)).status).toBe(200);
    await direct.restore();
    expect(await eventually({ status: 200 })).toMatchObject({ status: 200, listener: true });
  }, 60_000);

  it("answers 503 naming the database while the pooled connection is down", async () => {
    await pooled.cut();
    expect(await eventually({ database: false })).toMatchObject({
      status: 503,
      database: false,
      listener: true,
    });
    await pooled.restore();
    expect(await eventually({ status: 200 })).toMatchObject({ status: 200, database: true });
  }, 60_000);
});
