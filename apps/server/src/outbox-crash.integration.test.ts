/**
 * The transactional outbox across a real crash: a server process killed with SIGKILL after a change committed but
 * before its email went out delivers that email once after the restart (none lost, none doubled).
 */
import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { testDbTargets } from "@mm/db/testing";
import { startSmtpTestServer } from "@mm/mail/testing";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, prepareTarget, seed, signIn, startServer, type Target, trpc } from "./process-support";

const SUBJECT = "There is a new message on a referral";
const FROM = "no-reply@massage.test";

describe.each(testDbTargets())("email outbox across a server crash on %s", (target) => {
  let prepared: Target | undefined;
  let running: ChildProcess | undefined;
  let smtp: Awaited<ReturnType<typeof startSmtpTestServer>> | undefined;
  afterAll(async () => {
    running?.kill("SIGKILL");
    await prepared?.cleanup();
    await smtp?.close();
  });

  it("a server killed between commit and delivery delivers once after restart", async () => {
    smtp = await startSmtpTestServer();
    prepared = await prepareTarget(target);
    await seed(prepared.env);
    const port = await freePort();
    // Nothing listens there: the first process can commit the change but never deliver its email.
    const nowhere = `smtp://127.0.0.1:${await freePort()}`;
    const first = await startServer({ ...prepared.env, SMTP_URL: nowhere, MAIL_FROM: FROM }, port);
    running = first.child;
    const cookie = await signIn(first.base, "patient@demo.example");
    const list = await trpc<{ items: { id: string; status: string }[] }>(
      first.base,
      cookie,
      "referral.list",
      {
        limit: 50,
      },
    );
    const open = list.items.find(
      (r) => !["declined", "cancelled", "completed", "discontinued", "expired"].includes(r.status),
    );
    expect(open).toBeDefined();
    await trpc(first.base, cookie, "message.post", {
      referralId: open!.id,
      body: `before the crash ${randomUUID()}`,
    });
    // Long enough for the worker to try (and fail) at least once; then the process dies without a goodbye.
    await new Promise((r) => setTimeout(r, 4000));
    const exited = new Promise((r) => first.child.once("exit", r));
    first.child.kill("SIGKILL");
    await exited;
    expect(smtp.received.filter((m) => m.subject === SUBJECT)).toEqual([]);

    // Same data, a reachable mail server: the queued email goes out (after its retry delay, if it was tried).
    const second = await startServer({ ...prepared.env, SMTP_URL: smtp.url, MAIL_FROM: FROM }, port);
    running = second.child;
    const deadline = Date.now() + 150_000;
    while (!smtp.received.some((m) => m.subject === SUBJECT) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 250));
    // Any other recipient's job may come due a little later (retry jitter): a moment for duplicates to show.
    await new Promise((r) => setTimeout(r, 5000));
    const sent = smtp.received.filter((m) => m.subject === SUBJECT).flatMap((m) => m.envelopeTo);
    expect(sent.length).toBeGreaterThan(0);
    // Delivered after the crash, and once per recipient.
    expect(sent.length).toBe(new Set(sent).size);
    second.child.kill("SIGTERM");
    await new Promise((r) => second.child.once("exit", r));
    running = undefined;
  }, 300_000);
});
