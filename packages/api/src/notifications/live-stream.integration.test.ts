import { randomUUID } from "node:crypto";
import { createDb, session } from "@mm/db";
import { testDbTargets } from "@mm/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "../router";
import { expectRefused, type Member, referralInput } from "../testing/referral-fixtures";
import { createTestApi, SAMPLE, type TestApi } from "../testing/test-support";
import { createCallerFactory } from "../trpc";
import { writeNotifications } from "./effects";
import type { LiveNotification } from "./queries";

const createCaller = createCallerFactory(appRouter);

/** `notification.onEvent` as one member sees it: each read bounded by a timeout. */
async function subscribe(api: TestApi, member: Member, input: { lastEventId?: string | null } = {}) {
  const ac = new AbortController();
  const { ctx } = await api.callerFor(new Headers({ cookie: member.cookie }));
  const iterable = (await createCaller(ctx, { signal: ac.signal }).notification.onEvent(
    input,
  )) as AsyncIterable<unknown>;
  const iterator = iterable[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<unknown>> | null = null;
  async function next(ms = 5_000): Promise<(LiveNotification & { trackedId: string }) | "timeout" | "done"> {
    pending ??= iterator.next();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<"timeout">((r) => {
      timer = setTimeout(() => r("timeout"), ms);
    });
    try {
      const result = await Promise.race([pending, timeout]);
      if (result === "timeout") return "timeout";
      pending = null;
      if (result.done) return "done";
      // tracked(id, data) arrives as [id, data, symbol]
      const [trackedId, data] = result.value as [string, LiveNotification];
      return { ...data, trackedId };
    } finally {
      clearTimeout(timer);
    }
  }
  async function close() {
    ac.abort();
    await Promise.race([
      (pending ?? Promise.resolve()).catch(() => undefined),
      new Promise((r) => setTimeout(r, 1_000)),
    ]);
  }
  return { next, close };
}
type Stream = Awaited<ReturnType<typeof subscribe>>;

describe.each(testDbTargets())("the per-user notification stream on %s", (target) => {
  let api: TestApi;
  let physician: Member;
  let patient: Member;
  let outsider: Member;
  const open: Stream[] = [];
  const sub = async (m: Member, input?: { lastEventId?: string | null }) => {
    const s = await subscribe(api, m, input);
    open.push(s);
    return s;
  };

  beforeAll(async () => {
    api = await createTestApi(target);
    physician = await api.member(SAMPLE.physician("Dr. Stream"));
    patient = await api.member(SAMPLE.patient("Sia Stream"));
    outsider = await api.member(SAMPLE.physician("Dr. Elsewhere"));
  });
  afterAll(async () => {
    for (const s of open) await s.close();
    await api?.close();
  });

  it("a patient's request reaches the physician's open stream within a second; the outsider's gets nothing", async () => {
    const mine = await sub(physician);
    const theirs = await sub(outsider);
    const actor = await sub(patient);
    const waiting = mine.next(5_000);
    const started = Date.now();
    const {
      referral: { id },
    } = await patient.caller.referral.create(referralInput(physician.user.id));
    const got = await waiting;
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(got).toMatchObject({ referralId: id, kind: "referral_requested", readAt: null });
    if (typeof got === "string") throw new Error(got);
    expect(got.trackedId).toBe(String(got.seq));
    // Only what the list holds: a kind and a referral id, no health data.
    expect(Object.keys(got).sort()).toEqual([
      "createdAt",
      "id",
      "kind",
      "readAt",
      "referralId",
      "seq",
      "trackedId",
    ]);
    expect(await theirs.next(800)).toBe("timeout");
    expect(await actor.next(200)).toBe("timeout");
  });

  it("a stream opened without a cursor starts after the newest notification (no replay)", async () => {
    const fresh = await sub(physician);
    expect(await fresh.next(800)).toBe("timeout");
  });

  it("a reconnect with the last seen id catches up on what happened meanwhile, in order", async () => {
    const {
      referral: { id },
    } = await patient.caller.referral.create(referralInput(physician.user.id));
    const first = await sub(patient);
    await physician.caller.referral.requestInfo({ referralId: id, question: "Any numbness?" });
    const seen = await first.next();
    if (typeof seen === "string") throw new Error(seen);
    expect(seen.kind).toBe("question_asked");
    await first.close();

    // Offline: two more notifications for the patient, one for the physician.
    await patient.caller.referral.respond({ referralId: id, answer: "No numbness." });
    await physician.caller.message.post({ referralId: id, body: "Thanks, noted." });
    await physician.caller.referral.decline({ referralId: id, reason: "Not indicated." });

    const resumed = await sub(patient, { lastEventId: seen.trackedId });
    const a = await resumed.next();
    const b = await resumed.next();
    expect([a, b].map((n) => (typeof n === "string" ? n : n.kind))).toEqual(["message", "referral_closed"]);
    expect(await resumed.next(500)).toBe("timeout");
  });

  it.runIf(target === "postgres")(
    "a notification whose transaction commits after a later one is still delivered",
    async () => {
      // Two writers for one person: the first takes its seq, the second commits first. PGlite runs one transaction
      // at a time, so only PostgreSQL can interleave them.
      const {
        referral: { id },
      } = await patient.caller.referral.create(referralInput(physician.user.id));
      const stream = await sub(physician);
      const row = () => [
        { id: randomUUID(), userId: physician.user.id, referralId: id, kind: "message" as const },
      ];
      let release!: () => void;
      const held = new Promise<void>((r) => {
        release = r;
      });
      let inserted!: () => void;
      const insertedFirst = new Promise<void>((r) => {
        inserted = r;
      });
      const slow = api.db.transaction(async (tx) => {
        const ids = await writeNotifications(tx, row());
        inserted();
        await held;
        return ids[0];
      });
      await insertedFirst;
      const [fastId] = await writeNotifications(api.db, row());
      const fast = await stream.next();
      expect(fast).toMatchObject({ id: fastId });
      release();
      const slowId = await slow;
      const late = await stream.next();
      expect(late).toMatchObject({ id: slowId });
      if (typeof late === "string" || typeof fast === "string") throw new Error("no event");
      expect(late.seq).toBeLessThan(fast.seq);
    },
  );

  it.runIf(target === "postgres")(
    "a change written through one instance reaches a stream served by another (its own LISTEN connection)",
    async () => {
      const url = (api.db as unknown as { $client: { options: { connectionString: string } } }).$client
        .options.connectionString;
      const second = await createDb({ databaseUrl: url, migrate: false, poolSize: 2 });
      try {
        const { ctx } = await api.callerFor(new Headers({ cookie: physician.cookie }));
        const ac = new AbortController();
        const onSecond = { ...ctx, db: second.db, notifier: second.notifier };
        const events = (await createCaller(onSecond, { signal: ac.signal }).notification.onEvent(
          {},
        )) as AsyncIterable<[string, LiveNotification]>;
        const it = events[Symbol.asyncIterator]();
        const first = it.next();
        const {
          referral: { id },
        } = await patient.caller.referral.create(referralInput(physician.user.id));
        const got = await Promise.race([
          first,
          new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 5_000)),
        ]);
        expect(got === "timeout" ? got : got.value?.[1]).toMatchObject({
          referralId: id,
          kind: "referral_requested",
        });
        ac.abort();
      } finally {
        await second.close();
      }
    },
  );

  it("a revoked session ends its stream", async () => {
    const m = await api.member(SAMPLE.patient("Rae Revoked"));
    const stream = await sub(m);
    const ending = stream.next(5_000);
    await api.db.delete(session).where(eq(session.userId, m.user.id));
    expect(await ending).toBe("done");
  });

  it("refuses a malformed cursor by name, and a signed-out caller", async () => {
    const bad = await expectRefused(
      patient.caller.notification.onEvent({ lastEventId: "-1" }) as Promise<unknown>,
      "BAD_REQUEST",
    );
    expect(bad.message).toContain("lastEventId");
    await expectRefused(api.anonymous.notification.onEvent({}) as Promise<unknown>, "UNAUTHORIZED");
  });
});
