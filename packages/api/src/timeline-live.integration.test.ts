import { auditLog, timelineEvent } from "@mm/db";
import { testDbTargets } from "@mm/db/testing";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContext } from "./context";
import { appRouter } from "./router";
import {
  errorOf,
  type Member,
  prescriptionInput,
  referralInput,
  subscribeTimeline,
  therapistProfileInput,
} from "./testing/referral-fixtures";
import { createTestApi, SAMPLE, type TestApi } from "./testing/test-support";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type SseMessage = { event?: string; id?: string; data?: unknown };

/**
 * `timeline.onEvent` through the real HTTP handler (as the portals' httpSubscriptionLink calls it): an SSE stream
 * read one message at a time, each read bounded by a timeout.
 */
async function openSse(
  api: TestApi,
  cookie: string,
  input: { referralId: string; lastEventId?: string },
  headers: Record<string, string> = {},
) {
  const ac = new AbortController();
  const url = `http://localhost:3000/trpc/timeline.onEvent?input=${encodeURIComponent(JSON.stringify(input))}`;
  const req = new Request(url, {
    headers: { cookie, accept: "text/event-stream", ...headers },
    signal: ac.signal,
  });
  const res = await fetchRequestHandler({
    endpoint: "/trpc",
    req,
    router: appRouter,
    createContext: () => createContext(api.deps, req.headers),
  });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let pendingRead: Promise<ReadableStreamReadResult<Uint8Array>> | null = null;

  async function nextMessage(ms = 5_000): Promise<SseMessage | "timeout" | "end"> {
    const deadline = Date.now() + ms;
    for (;;) {
      const split = buffer.indexOf("\n\n");
      if (split >= 0) {
        const block = buffer.slice(0, split);
        buffer = buffer.slice(split + 2);
        const msg: SseMessage = {};
        for (const line of block.split("\n")) {
          const at = line.indexOf(":");
          if (at <= 0) continue;
          const key = line.slice(0, at);
          const value = line.slice(at + 1).trimStart();
          if (key === "event") msg.event = value;
          else if (key === "id") msg.id = value;
          else if (key === "data") msg.data = JSON.parse(value);
        }
        if (msg.event === "ping" || (msg.event === undefined && msg.data === undefined)) continue;
        return msg;
      }
      const left = deadline - Date.now();
      if (left <= 0) return "timeout";
      pendingRead ??= reader.read();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const r = await Promise.race([
        pendingRead,
        new Promise<"timeout">((resolve) => {
          timer = setTimeout(() => resolve("timeout"), left);
        }),
      ]);
      clearTimeout(timer);
      if (r === "timeout") return "timeout";
      pendingRead = null;
      if (r.done) return "end";
      buffer += decoder.decode(r.value, { stream: true });
    }
  }

  /** The next message that is not the initial `connected` one. */
  async function nextData(ms = 5_000) {
    for (;;) {
      const m = await nextMessage(ms);
      if (typeof m === "string" || m.event !== "connected") return m;
    }
  }

  async function close() {
    ac.abort();
    await reader.cancel().catch(() => undefined);
  }

  return { status: res.status, nextMessage, nextData, close };
}

describe.each(testDbTargets())("live timeline on %s", (target) => {
  let api: TestApi;
  let physician: Member;
  let patient: Member;
  let therapist: Member;
  let outsider: Member;
  let referralId: string;

  /** Sequence numbers of the referral's events so far, oldest first. */
  const seqs = async (id = referralId) =>
    (await patient.caller.timeline.list({ referralId: id, limit: 200 })).items.map((e) => e.seq);

  beforeAll(async () => {
    api = await createTestApi(target);
    physician = await api.member(SAMPLE.physician("Dr. Live"));
    patient = await api.member(SAMPLE.patient("Lia Live"));
    therapist = await api.member(therapistProfileInput("Leo Live"));
    outsider = await api.member(SAMPLE.patient("Nosy Neighbour"));
    ({
      referral: { id: referralId },
    } = await patient.caller.referral.create(referralInput(physician.user.id)));
    await physician.caller.prescription.sign(prescriptionInput(referralId));
    await patient.caller.referral.chooseTherapist({ referralId, therapistId: therapist.user.id });
  });
  afterAll(async () => api?.close());

  it("a message posted by one party reaches the other two parties' subscriptions within seconds", async () => {
    const all = await seqs();
    const fromSeq = String(all.at(-2));
    const subs = await Promise.all(
      [patient, physician, therapist].map((m) =>
        subscribeTimeline(api, m, { referralId, lastEventId: fromSeq }),
      ),
    );
    try {
      // Each first receives the one event after fromSeq (catch-up): the subscription is live from here on.
      for (const s of subs) expect((await s.take(1))[0]?.seq).toBe(all.at(-1));
      const waiting = subs.map((s) => s.next(5_000));
      const started = Date.now();
      await physician.caller.message.post({ referralId, body: "Live: please bring your imaging report." });
      const got = await Promise.all(waiting);
      expect(Date.now() - started).toBeLessThan(5_000);
      for (const e of got) {
        expect(e).toMatchObject({
          type: "message_posted",
          actorRole: "physician",
          actorName: "Dr. Live",
          data: { body: "Live: please bring your imaging report." },
        });
      }

      // And the other direction, twice in a row: delivered in order.
      const next = subs.map((s) => s.take(2));
      await patient.caller.message.post({ referralId, body: "Will do." });
      await therapist.caller.message.post({ referralId, body: "See you Tuesday." });
      for (const events of await Promise.all(next)) {
        expect(events.map((e) => [e.actorRole, e.data.body])).toEqual([
          ["patient", "Will do."],
          ["therapist", "See you Tuesday."],
        ]);
        expect(events[0]!.seq).toBeLessThan(events[1]!.seq);
      }
    } finally {
      await Promise.all(subs.map((s) => s.close()));
    }
  });

  it("resuming with lastEventId of an older event delivers every missed event, in order, then live ones", async () => {
    const before = await seqs();
    const resumeFrom = before[1]!; // the client saw only the first two events
    const missed = (await patient.caller.timeline.list({ referralId, limit: 200 })).items.filter(
      (e) => e.seq > resumeFrom,
    );
    expect(missed.length).toBeGreaterThanOrEqual(3);

    const sub = await subscribeTimeline(api, physician, { referralId, lastEventId: String(resumeFrom) });
    try {
      const replayed = await sub.take(missed.length);
      expect(replayed.map((e) => e.id)).toEqual(missed.map((e) => e.id));
      expect(replayed.map((e) => e.type)).toEqual(missed.map((e) => e.type));
      const live = sub.next(5_000);
      await therapist.caller.message.post({ referralId, body: "Resumed and live." });
      expect(await live).toMatchObject({ type: "message_posted", data: { body: "Resumed and live." } });
    } finally {
      await sub.close();
    }
  });

  it("without lastEventId it starts at the newest event: only new events arrive", async () => {
    await patient.caller.message.post({ referralId, body: "Old news." });
    const sub = await subscribeTimeline(api, patient, { referralId });
    try {
      const first = sub.next(5_000);
      await sleep(1_000); // let the subscription settle on "now" before the next event
      await physician.caller.message.post({ referralId, body: "Only this one." });
      expect(await first).toMatchObject({ type: "message_posted", data: { body: "Only this one." } });
    } finally {
      await sub.close();
    }
  });

  it("events of other referrals are not delivered", async () => {
    const {
      referral: { id: otherId },
    } = await patient.caller.referral.create(referralInput(physician.user.id));
    const sub = await subscribeTimeline(api, physician, {
      referralId,
      lastEventId: String((await seqs()).at(-1)),
    });
    try {
      const next = sub.next(5_000);
      await patient.caller.message.post({ referralId: otherId, body: "About my other request." });
      await patient.caller.message.post({ referralId, body: "About this one." });
      expect(await next).toMatchObject({ data: { body: "About this one." } });
    } finally {
      await sub.close();
    }
  });

  it("a user not on the referral gets NOT_FOUND when subscribing", async () => {
    // Refused before any stream opens, like every other read of someone else's referral.
    const err = await errorOf(subscribeTimeline(api, outsider, { referralId, lastEventId: "0" }));
    expect(err.code).toBe("NOT_FOUND");
  });

  it("anonymous callers are refused before any stream starts (UNAUTHORIZED)", async () => {
    const err = await errorOf(api.anonymous.timeline.onEvent({ referralId }));
    expect(err.code).toBe("UNAUTHORIZED");
  });

  describe("over HTTP (SSE), as the portals receive it", () => {
    it("streams the events with their seq as the SSE id, and resumes from the Last-Event-ID header", async () => {
      const all = (await patient.caller.timeline.list({ referralId, limit: 200 })).items;
      const sse = await openSse(
        api,
        therapist.cookie,
        { referralId },
        { "last-event-id": String(all[1]!.seq) },
      );
      try {
        expect(sse.status).toBe(200);
        const m = await sse.nextData();
        expect(m).toMatchObject({ id: String(all[2]!.seq), data: { id: all[2]!.id, type: all[2]!.type } });
      } finally {
        await sse.close();
      }
    });

    it("a user not on the referral gets a NOT_FOUND error event (not an internal error)", async () => {
      const sse = await openSse(api, outsider.cookie, { referralId, lastEventId: "0" });
      try {
        const m = await sse.nextData(3_000);
        expect(m).toMatchObject({ event: "serialized-error" });
        const data = (m as SseMessage).data as {
          message: string;
          data: { code: string; httpStatus: number };
        };
        expect(data.data.code).toBe("NOT_FOUND");
        expect(data.data.httpStatus).toBe(404);
      } finally {
        await sse.close();
      }
    });
  });

  describe("no event is lost", () => {
    it("an event committed while the subscriber is still taking the catch-up is delivered", async () => {
      const all = await seqs();
      const sub = await subscribeTimeline(api, patient, { referralId, lastEventId: String(all.at(-2)) });
      try {
        expect((await sub.take(1))[0]?.seq).toBe(all.at(-1));
        // The consumer has not asked for more yet (a slow client, a busy event loop) when a new event commits.
        await physician.caller.message.post({ referralId, body: "Posted during catch-up." });
        await sleep(500); // let the NOTIFY arrive (PostgreSQL delivers it on its own connection)
        expect(await sub.next(2_000)).toMatchObject({ data: { body: "Posted during catch-up." } });
      } finally {
        await sub.close();
      }
    });

    it("resuming after more than one catch-up batch of events delivers all of them without a new event", async () => {
      const {
        referral: { id },
      } = await patient.caller.referral.create(referralInput(physician.user.id));
      // 250 events written while the client was away (a long disconnection on a busy referral).
      await api.db.execute(sql`
        insert into timeline_event (referral_id, actor_id, actor_role, type, data)
        select ${id}::uuid, ${patient.user.id}::uuid, 'patient', 'message_posted',
               jsonb_build_object('body', 'note ' || n)
        from generate_series(1, 250) as n`);
      const total = (
        await api.db
          .select({ n: sql<number>`count(*)::int` })
          .from(timelineEvent)
          .where(eq(timelineEvent.referralId, id))
      )[0]!.n;
      const sub = await subscribeTimeline(api, patient, { referralId: id, lastEventId: "0" });
      try {
        const got = await sub.take(total, 2_000);
        expect(got).toHaveLength(total);
        expect(got.at(-1)?.data.body).toBe("note 250");
      } finally {
        await sub.close();
      }
    });
  });

  it("a party who loses access stops receiving the referral's events", async () => {
    const {
      referral: { id },
    } = await patient.caller.referral.create(referralInput(physician.user.id));
    await physician.caller.prescription.sign(prescriptionInput(id));
    await patient.caller.referral.chooseTherapist({ referralId: id, therapistId: therapist.user.id });
    const sub = await subscribeTimeline(api, therapist, {
      referralId: id,
      lastEventId: String((await seqs(id)).at(-1)),
    });
    try {
      const next = sub.next(3_000).catch((e: unknown) => e);
      await therapist.caller.referral.turnDown({ referralId: id, reason: "Not my specialty." });
      await patient.caller.message.post({ referralId: id, body: "Private note for the next therapist." });
      const got = await next;
      // Either the subscription ends with an error or nothing arrives; the patient's note never does.
      expect(JSON.stringify(got ?? null)).not.toContain("Private note");
      const after = await sub.next(1_000).catch((e: unknown) => e);
      expect(JSON.stringify(after ?? null)).not.toContain("Private note");
    } finally {
      await sub.close();
    }
  });

  it("live reads of the timeline are audit-logged like timeline.list", async () => {
    const rowsOf = async () =>
      (
        await api.db
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.referralId, referralId), eq(auditLog.actorId, physician.user.id)))
      ).length;
    const before = await rowsOf();
    const sub = await subscribeTimeline(api, physician, { referralId, lastEventId: "0" });
    try {
      await sub.take(3);
    } finally {
      await sub.close();
    }
    expect(await rowsOf()).toBeGreaterThan(before);
  });
});
