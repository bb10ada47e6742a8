/**
 * Crash safety: a server killed with SIGKILL in the middle of a burst of writes must come back on the same data with
 * every write it acknowledged, and with every referral in a state its timeline explains.
 */
import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { testDbTargets } from "@mm/db/testing";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, prepareTarget, seed, signIn, startServer, type Target, trpc } from "./process-support";

type Item = { id: string; status: string };
type Event = { seq: number; type: string; data: { to?: string; body?: string } };

async function allEvents(base: string, cookie: string, referralId: string): Promise<Event[]> {
  const out: Event[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: Event[]; nextCursor: string | null } = await trpc(base, cookie, "timeline.list", {
      referralId,
      cursor: cursor ?? undefined,
      limit: 200,
    });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

describe.each(testDbTargets())("crash safety on %s", (target) => {
  let prepared: Target | undefined;
  let running: ChildProcess | undefined;
  afterAll(async () => {
    running?.kill("SIGKILL");
    await prepared?.cleanup();
  });

  it("keeps every acknowledged write after SIGKILL mid-burst and restarts cleanly", async () => {
    prepared = await prepareTarget(target);
    await seed(prepared.env);
    const port = await freePort();
    const first = await startServer(prepared.env, port);
    running = first.child;
    const cookie = await signIn(first.base, "patient@demo.example");
    const list = await trpc<{ items: Item[] }>(first.base, cookie, "referral.list", { limit: 50 });
    const open = list.items.filter(
      (r) => !["declined", "cancelled", "completed", "discontinued", "expired"].includes(r.status),
    );
    expect(open.length).toBeGreaterThan(0);

    // A burst of concurrent writes; the server is killed once some have been acknowledged.
    const acknowledged: { referralId: string; body: string }[] = [];
    const KILL_AFTER = 40;
    const exited = new Promise((r) => first.child.once("exit", r));
    const writers = Array.from({ length: 8 }, async (_, w) => {
      for (let i = 0; i < 100; i++) {
        const referralId = open[(w + i) % open.length]!.id;
        const body = `burst ${w}-${i} ${randomUUID()}`;
        try {
          await trpc(first.base, cookie, "message.post", { referralId, body });
          acknowledged.push({ referralId, body });
          if (acknowledged.length === KILL_AFTER) first.child.kill("SIGKILL");
        } catch {
          return; // the server is gone: stop this writer
        }
      }
    });
    await Promise.all(writers);
    await exited;
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);

    // Same data, fresh process: starts cleanly and has everything it acknowledged.
    const second = await startServer(prepared.env, port);
    running = second.child;
    const cookie2 = await signIn(second.base, "patient@demo.example");
    for (const r of open) {
      const events = await allEvents(second.base, cookie2, r.id);
      const bodies = new Set(events.filter((e) => e.type === "message_posted").map((e) => e.data.body));
      for (const a of acknowledged.filter((x) => x.referralId === r.id))
        expect(bodies.has(a.body), a.body).toBe(true);
      // The status is the one the last transition event on the timeline leads to.
      const detail = await trpc<{ status: string }>(second.base, cookie2, "referral.get", { id: r.id });
      const lastTransition = events.filter((e) => e.data.to).at(-1);
      expect(detail.status, `referral ${r.id}`).toBe(lastTransition?.data.to);
    }
    expect(second.log()).not.toMatch(/"level":(50|60)/);
    second.child.kill("SIGTERM");
    await new Promise((r) => second.child.once("exit", r));
    running = undefined;
  }, 240_000);
});
