import { randomUUID } from "node:crypto";
import { testDbTargets } from "@mm/db/testing";
import { EMAIL_QUEUE, listFailedEmails, type PgBoss, startJobQueue, workEmails } from "@mm/jobs";
import { createMailer } from "@mm/mail";
import { startSmtpTestServer } from "@mm/mail/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Member, referralInput } from "../testing/referral-fixtures";
import { createTestApi, SAMPLE, type TestApi } from "../testing/test-support";
import { deliverNotificationEmail } from "./delivery";
import { notificationEffects, writeNotifications } from "./effects";
import { enqueueNotificationEmails, queueTargetFor } from "./outbox";

const RETRY = { limit: 1, delaySeconds: 1 };

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.each(testDbTargets())("email outbox on pg-boss on %s", (target) => {
  let api: TestApi;
  let smtp: Awaited<ReturnType<typeof startSmtpTestServer>>;
  let physician: Member;
  let patient: Member;
  let referralId: string;
  const bosses: PgBoss[] = [];
  const failing = new Set<string>();

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    api = await createTestApi(target);
    physician = await api.member(SAMPLE.physician("Dr. Outbox"));
    patient = await api.member(SAMPLE.patient("Olive Outbox"));
    ({
      referral: { id: referralId },
    } = await patient.caller.referral.create(referralInput(physician.user.id)));
  });
  afterAll(async () => {
    for (const b of bosses) await b.stop({ graceful: false }).catch(() => {});
    await api?.close();
    await smtp?.close();
  });

  const start = async () => {
    const boss = await startJobQueue(queueTargetFor(api.handle), { retry: RETRY });
    bosses.push(boss);
    return boss;
  };
  const deliver = (id: string) =>
    deliverNotificationEmail(
      {
        db: api.db,
        mailer: failing.has(id)
          ? createMailer({ smtpUrl: "smtp://127.0.0.1:1", from: "no-reply@massage.test", mailDir: "" })
          : createMailer({ smtpUrl: smtp.url, from: "no-reply@massage.test", mailDir: "" }),
        baseUrl: "https://massage.test",
        secret: "test-secret-test-secret-test-secret-42",
      },
      id,
    );
  /** The write path's part: notification rows and their email jobs in one transaction. */
  const write = (boss: PgBoss, fail = false) =>
    api.db.transaction(async (tx) => {
      const effects = notificationEffects(
        { type: "referral_requested", actorId: patient.user.id, referralId },
        { patientId: patient.user.id, physicianId: physician.user.id, therapistId: null },
      );
      const ids = await writeNotifications(tx, effects);
      await enqueueNotificationEmails(boss, tx, ids);
      if (fail) throw new Error("the change failed");
      return ids;
    });
  const mailsTo = (email: string) => smtp.received.filter((m) => m.envelopeTo.includes(email)).length;
  const jobsQueued = async (boss: PgBoss) => (await boss.findJobs(EMAIL_QUEUE, { queued: true })).length;

  it("a rolled-back change queues no job; a committed one is queued, survives a crash, and is sent once", async () => {
    const first = await start();
    await expect(write(first, true)).rejects.toThrow("the change failed");
    expect(await jobsQueued(first)).toBe(0);

    const [id] = await write(first);
    expect(id).toBeTruthy();
    expect(await jobsQueued(first)).toBe(1);
    // "Crash" before any worker ran: the job is in the database, not in the process.
    await first.stop({ graceful: false });

    const second = await start();
    await workEmails(second, deliver, { pollingIntervalSeconds: 0.5 });
    await smtp.waitFor(physician.email, () => true, 20_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(mailsTo(physician.email)).toBe(1);
    await until("the job to complete", async () => (await jobsQueued(second)) === 0);
  });

  it("a delivery that keeps failing is retried with backoff, then kept as failed (never lost)", async () => {
    const boss = bosses.at(-1)!;
    const ids = await api.db.transaction(async (tx) => {
      const rows = await writeNotifications(tx, [
        { id: randomUUID(), userId: physician.user.id, referralId, kind: "message" },
      ]);
      for (const id of rows) failing.add(id);
      await enqueueNotificationEmails(boss, tx, rows);
      return rows;
    });
    const failed = await until("the job to be dead-lettered", async () => {
      const list = await listFailedEmails(boss);
      return list.find((f) => f.notificationId === ids[0]);
    });
    expect(failed.notificationId).toBe(ids[0]);
  });
});
