/**
 * Two server processes on one PostgreSQL, as behind a load balancer: a change made through one reaches a live
 * stream on the other, and a sign-out through one is refused by the other, each within a second.
 */
import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createDb, queryRows } from "@mm/db";
import { testDbTargets } from "@mm/db/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  freePort,
  openTimelineStream,
  prepareTarget,
  runAdmin,
  seed,
  signIn,
  startServer,
  type Target,
  trpc,
  trpcStatus,
  within,
} from "./process-support";

// PGlite is a single-process database: only PostgreSQL can be shared by instances.
const targets = testDbTargets().filter((t) => t === "postgres");

describe.skipIf(targets.length === 0)("two instances on one PostgreSQL", () => {
  let prepared: Target | undefined;
  const children: ChildProcess[] = [];
  let a: string;
  let b: string;

  beforeAll(async () => {
    prepared = await prepareTarget("postgres");
    await seed(prepared.env);
    // The demo's active referral's prescription ran out yesterday: both instances run the expiry check at start.
    const admin = await createDb({ databaseUrl: prepared.env.DATABASE_URL, migrate: false, poolSize: 1 });
    try {
      await admin.db.execute(
        sql`update prescription set expires_on = current_date - 1
             where referral_id in (select id from referral where status = 'active')`,
      );
      await admin.db.execute(
        sql`update referral set prescription_expires_on = current_date - 1 where status = 'active'`,
      );
    } finally {
      await admin.close();
    }
    const [pa, pb] = [await freePort(), await freePort()];
    const [first, second] = await Promise.all([startServer(prepared.env, pa), startServer(prepared.env, pb)]);
    children.push(first.child, second.child);
    a = first.base;
    b = second.base;
  }, 120_000);
  afterAll(async () => {
    for (const c of children) c.kill("SIGKILL");
    await prepared?.cleanup();
  });

  it("a message posted through one instance reaches a live stream on the other within 1 s", async () => {
    const onA = await signIn(a, "patient@demo.example");
    const onB = await signIn(b, "patient@demo.example");
    const list = await trpc<{ items: { id: string; status: string }[] }>(b, onB, "referral.list", {
      limit: 50,
    });
    const referralId = list.items.find(
      (r) => !["declined", "cancelled", "completed", "discontinued", "expired"].includes(r.status),
    )!.id;
    const stream = await openTimelineStream(b, onB, referralId);
    const body = `across instances ${randomUUID()}`;
    const res = await fetch(`${a}/trpc/message.post`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: onA, origin: a },
      body: JSON.stringify({ referralId, body }),
    });
    expect(res.status).toBe(200);
    const took = await within(1000, () => stream.text().includes(body));
    expect(took).toBeLessThan(1000);
    stream.cancel();
  });

  it("a sign-out through one instance is refused on the other within 1 s, and its stream there closes", async () => {
    const cookie = await signIn(a, "patient@demo.example");
    expect(await trpcStatus(b, cookie, "me.get", null)).toBe(200); // memoized on B
    const list = await trpc<{ items: { id: string }[] }>(b, cookie, "referral.list", { limit: 5 });
    const stream = await openTimelineStream(b, cookie, list.items[0]!.id);
    const signedOut = await fetch(`${a}/api/auth/sign-out`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, origin: a },
      body: "{}",
    });
    expect(signedOut.status).toBe(200);
    const at = Date.now();
    await within(1000, async () => (await trpcStatus(b, cookie, "me.get", null)) === 401);
    const closedAt = await Promise.race([
      stream.ended,
      new Promise<number>((r) => setTimeout(() => r(Infinity), 1500)),
    ]);
    expect(closedAt - at).toBeLessThan(1000);
  });

  it("after the listening connection drops, a stream catches up on what it missed and hears what follows", async () => {
    const cookie = await signIn(b, "patient@demo.example");
    const onA = await signIn(a, "patient@demo.example");
    const list = await trpc<{ items: { id: string; status: string }[] }>(b, cookie, "referral.list", {
      limit: 50,
    });
    const referralId = list.items.find(
      (r) => !["declined", "cancelled", "completed", "discontinued", "expired"].includes(r.status),
    )!.id;
    const stream = await openTimelineStream(b, cookie, referralId);
    const body = `missed while away ${randomUUID()}`;
    const admin = await createDb({ databaseUrl: prepared!.env.DATABASE_URL, migrate: false, poolSize: 1 });
    try {
      // Written without its NOTIFY, as if announced while the listener was gone; then the listeners are cut.
      await admin.db.execute(
        sql`insert into timeline_event (referral_id, actor_role, type, data)
            values (${referralId}, 'system', 'message_posted', ${JSON.stringify({ body })}::jsonb)`,
      );
      const killed = await queryRows<{ pid: number }>(
        admin.db,
        sql`select pg_terminate_backend(pid) as pid from pg_stat_activity
             where application_name = 'mm-notifier' and datname = current_database()`,
      );
      expect(killed.length).toBe(2); // one listener per instance
    } finally {
      await admin.close();
    }
    await within(5000, () => stream.text().includes(body));
    await within(5000, async () => (await fetch(`${b}/readyz`)).ok);
    // The re-opened listener hears the next change as it happens.
    const next = `after the reconnect ${randomUUID()}`;
    const res = await fetch(`${a}/trpc/message.post`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: onA, origin: a },
      body: JSON.stringify({ referralId, body: next }),
    });
    expect(res.status).toBe(200);
    expect(await within(1000, () => stream.text().includes(next))).toBeLessThan(1000);
    stream.cancel();
  });

  it("the scheduled expiry check, run by both instances at once, expires each referral once", async () => {
    const admin = await createDb({ databaseUrl: prepared!.env.DATABASE_URL, migrate: false, poolSize: 1 });
    const count = async (query: ReturnType<typeof sql>) =>
      (await queryRows<{ n: number }>(admin.db, query))[0]!.n;
    const events = () =>
      count(sql`select count(*)::int as n from timeline_event where type = 'referral_expired'`);
    try {
      await within(10_000, async () => (await events()) > 0);
      await new Promise((r) => setTimeout(r, 1500));
      expect(await count(sql`select count(*)::int as n from referral where status = 'active'`)).toBe(0);
      const expired = await count(sql`select count(*)::int as n from referral where status = 'expired'`);
      expect(expired).toBeGreaterThan(0);
      expect(await events()).toBe(expired);
    } finally {
      await admin.close();
    }
  });

  it("the reminders job, started by both instances at once, runs once; its runs are listed for the operator", async () => {
    const admin = await createDb({ databaseUrl: prepared!.env.DATABASE_URL, migrate: false, poolSize: 1 });
    const startRuns = (state: string) =>
      queryRows<{ n: number }>(
        admin.db,
        sql`select count(*)::int as n from pgboss.job
             where name = 'send-reminders' and singleton_key = 'start' and state = ${state}`,
      ).then((rows) => rows[0]!.n);
    try {
      await within(10_000, async () => (await startRuns("completed")) > 0);
      await new Promise((r) => setTimeout(r, 1500));
      const all = await queryRows<{ n: number }>(
        admin.db,
        sql`select count(*)::int as n from pgboss.job where name = 'send-reminders' and singleton_key = 'start'`,
      );
      expect(all[0]!.n).toBe(1);
      expect(await startRuns("completed")).toBe(1);
    } finally {
      await admin.close();
    }
    const listed = await runAdmin(prepared!.env, ["jobs"]);
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/send-reminders\s+completed/);
    expect(listed.out).toMatch(/expire-referrals\s+completed/);
  });

  it("both instances report ready", async () => {
    for (const base of [a, b]) {
      const res = await fetch(`${base}/readyz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true, database: true, listener: true });
    }
  });
});
