import { notification } from "@mm/db";
import { testDbTargets } from "@mm/db/testing";
import { EMAIL_QUEUE, type EmailJob, type PgBoss, startJobQueue, workEmails } from "@mm/jobs";
import { createMailer, verifyUnsubscribeToken } from "@mm/mail";
import { firstLink, startSmtpTestServer } from "@mm/mail/testing";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendDueReminders } from "../services/reminder-service";
import { activeReferral, type Parties } from "../testing/episode";
import { inDays, PRECAUTIONS, therapistProfileInput } from "../testing/referral-fixtures";
import { createTestApi, SAMPLE, type TestApi } from "../testing/test-support";
import { goalsFrom, REQUEST_BASELINES } from "../testing/treatment-fixtures";
import { deliverNotificationEmail } from "./delivery";
import { queueTargetFor, setJobQueue } from "./outbox";

const BASE = "https://massage.test";
const SECRET = "test-secret-test-secret-test-secret-42";
// What the referral, its prescription, its plan and the profiles hold: none of it may reach a reminder email.
const HEALTH =
  /back|pain|desk|night|ibuprofen|lisinopril|herniated|hypertension|neck|spasm|insomnia|M54|M62|97124|L4|prone|Rhea|Remind|Tomas/i;

describe.each(testDbTargets())(
  "a reminder email through the outbox and a real SMTP server on %s",
  (target) => {
    let api: TestApi;
    let smtp: Awaited<ReturnType<typeof startSmtpTestServer>>;
    let boss: PgBoss;
    const p = {} as Parties;

    beforeAll(async () => {
      smtp = await startSmtpTestServer();
      api = await createTestApi(target);
      boss = await startJobQueue(queueTargetFor(api.handle));
      // As the server does: reminders queue their emails on this process's queue, which also works them.
      setJobQueue(boss);
      const mailer = createMailer({ smtpUrl: smtp.url, from: "no-reply@massage.test", mailDir: "" });
      await workEmails(
        boss,
        (id) => deliverNotificationEmail({ db: api.db, mailer, baseUrl: BASE, secret: SECRET }, id),
        { pollingIntervalSeconds: 0.5 },
      );
      p.physician = await api.member(SAMPLE.physician("Dr. Tomas Remind"));
      p.therapist = await api.member(therapistProfileInput("Tomas Therapist"));
      p.patient = await api.member(SAMPLE.patient("Rhea Reminded"));
    }, 120_000);
    afterAll(async () => {
      setJobQueue(null);
      await boss?.stop({ graceful: false }).catch(() => {});
      await api?.close();
      await smtp?.close();
    });

    it("prescription expiring: subject, the referral's link in each portal, unsubscribe, no health data; sent once", async () => {
      const { referralId } = await activeReferral(p, {
        rx: { expiresOn: inDays(4), precautions: PRECAUTIONS },
        plan: { goals: goalsFrom(REQUEST_BASELINES, inDays(1)) },
      });
      expect((await sendDueReminders(api.db, new Date())).sent).toBe(2);

      for (const [m, portal] of [
        [p.physician, "physician"],
        [p.patient, "patient"],
      ] as const) {
        const mail = await smtp.waitFor(m.email, (x) => /expires/.test(x.subject ?? ""), 30_000);
        expect(mail.subject).toBe("A prescription expires within 7 days");
        expect(firstLink(mail, "/referrals/")).toBe(`${BASE}/${portal}/referrals/${referralId}`);
        expect(mail.text).toContain("Sign in to read it.");
        const token = new URL(firstLink(mail, "/mail/unsubscribe")).searchParams.get("token") ?? "";
        expect(verifyUnsubscribeToken(SECRET, token)).toEqual({
          userId: m.user.id,
          kind: "prescription_expiring",
        });
        // The unsubscribe token is random letters: left out, it cannot spell a word by chance.
        const all = `${mail.subject}\n${mail.text}\n${mail.html}`.replace(/token=[\w.%-]+/g, "token=");
        expect(all.match(HEALTH), all).toBeNull();
      }
      // The next run finds nothing new: no second email.
      expect((await sendDueReminders(api.db, new Date())).sent).toBe(0);
      await new Promise((r) => setTimeout(r, 2000));
      const expiring = smtp.received.filter((m) => /expires/.test(m.subject ?? ""));
      // The physician and the patient once each; the therapist (on the referral, not a recipient) never.
      expect(expiring.flatMap((m) => m.envelopeTo).sort()).toEqual(
        [p.patient.email, p.physician.email].sort(),
      );
    });

    it("a reminder kind switched off by email stays in-app only", async () => {
      await p.physician.caller.notification.setPreferences({ email: { renewal_due: false } });
      const patient = await api.member(SAMPLE.patient("Rhea Renewing"));
      const { referralId } = await activeReferral(
        { ...p, patient },
        { rx: { sessionsPerWeek: 1, weeks: 12, totalSessions: 2 } },
      );
      await sendDueReminders(api.db, new Date());
      const [row] = await api.db
        .select({ id: notification.id })
        .from(notification)
        .where(and(eq(notification.referralId, referralId), eq(notification.kind, "renewal_due")));
      expect(row).toBeDefined();
      // The email job ran and answered that email is off for this kind: nothing was sent.
      const deadline = Date.now() + 30_000;
      let output: unknown;
      while (Date.now() < deadline && output === undefined) {
        const jobs = await boss.findJobs<EmailJob>(EMAIL_QUEUE, { data: { notificationId: row!.id } });
        output = jobs.find((j) => j.state === "completed")?.output;
        if (output === undefined) await new Promise((r) => setTimeout(r, 250));
      }
      expect(output).toEqual({ result: "email_off" });
      expect(smtp.received.filter((m) => /renewal/.test(m.subject ?? ""))).toEqual([]);
    });
  },
);
