import { notification } from "@mm/db";
import { testDbTargets } from "@mm/db/testing";
import { type AvailabilitySetInput, startOfDay } from "@mm/domain";
import { EMAIL_QUEUE, type EmailJob, type PgBoss, startJobQueue, workEmails } from "@mm/jobs";
import { createMailer, verifyUnsubscribeToken } from "@mm/mail";
import { firstLink, startSmtpTestServer } from "@mm/mail/testing";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendAppointmentReminders } from "../services/appointment-reminders";
import { activeReferral, type Parties } from "../testing/episode";
import { coverageInput, inDays, PRECAUTIONS, therapistProfileInput } from "../testing/referral-fixtures";
import { createTestApi, SAMPLE, type TestApi } from "../testing/test-support";
import { deliverNotificationEmail } from "./delivery";
import { queueTargetFor, setJobQueue } from "./outbox";

const BASE = "https://massage.test";
const SECRET = "test-secret-test-secret-test-secret-42";
const NY = "America/New_York";
const HOUR = 3_600_000;
const SUBJECT = "You have an appointment in about 24 hours";
// What the referral, its prescription, its plan, the coverage and the profiles hold: none of it may reach the email.
const HEALTH =
  /back|pain|desk|night|ibuprofen|lisinopril|herniated|hypertension|neck|spasm|insomnia|M54|M62|97124|L4|prone|Aetna|W123456789|clinic|Anna|Apt|Theo|Slotter|Bookwell/i;

/** Every day, 09:00-17:00 in New York, hour-long clinic sessions. */
const WEEK: AvailabilitySetInput = {
  timeZone: NY,
  windows: [1, 2, 3, 4, 5, 6, 7].map((dayOfWeek) => ({
    dayOfWeek,
    start: "09:00",
    end: "17:00",
    sessionMinutes: [60],
    location: "clinic" as const,
  })),
  exceptions: [],
  lateCancelHours: 24,
  autoConfirm: false,
};

/**
 * The 24-hour appointment reminder (`sendAppointmentReminders`, scheduled by apps/server) as email: through the
 * outbox, the job queue and a real SMTP server, parsed back; once per appointment; per each party's preferences.
 */
describe.each(testDbTargets())(
  "the 24-hour appointment reminder email through a real SMTP server on %s",
  (target) => {
    let api: TestApi;
    let smtp: Awaited<ReturnType<typeof startSmtpTestServer>>;
    let boss: PgBoss;
    const p = {} as Parties;

    beforeAll(async () => {
      smtp = await startSmtpTestServer();
      api = await createTestApi(target);
      boss = await startJobQueue(queueTargetFor(api.handle));
      setJobQueue(boss);
      const mailer = createMailer({ smtpUrl: smtp.url, from: "no-reply@massage.test", mailDir: "" });
      await workEmails(
        boss,
        (id) => deliverNotificationEmail({ db: api.db, mailer, baseUrl: BASE, secret: SECRET }, id),
        { pollingIntervalSeconds: 0.5 },
      );
      p.physician = await api.member(SAMPLE.physician("Dr. Bookwell"));
      p.therapist = await api.member(therapistProfileInput("Theo Slotter"));
      await p.therapist.caller.availability.set(WEEK);
    }, 120_000);
    afterAll(async () => {
      setJobQueue(null);
      await boss?.stop({ graceful: false }).catch(() => {});
      await api?.close();
      await smtp?.close();
    });

    /** A new patient with a plan in effect and one appointment `days` from today, 10:00 in New York. */
    async function bookedPatient(name: string, days: number) {
      const patient = await api.member(SAMPLE.patient(name));
      await patient.caller.coverage.upsert(coverageInput({ visitsPerYear: 50 }));
      const { referralId } = await activeReferral(
        { ...p, patient },
        { rx: { sessionsPerWeek: 3, precautions: PRECAUTIONS } },
      );
      const startsAt = new Date(startOfDay(inDays(days), NY).getTime() + 10 * HOUR);
      await patient.caller.appointment.book({
        referralId,
        startsAt: startsAt.toISOString(),
        minutes: 60,
        location: "clinic",
      });
      return { patient, referralId, startsAt };
    }

    const reminderMails = () => smtp.received.filter((m) => m.subject === SUBJECT);

    it("subject, the referral's link in each portal, unsubscribe, no health data; sent once", async () => {
      const { patient, referralId, startsAt } = await bookedPatient("Anna Apt", 3);
      const dayBefore = new Date(startsAt.getTime() - 23 * HOUR);
      expect(await sendAppointmentReminders(api.db, dayBefore)).toBe(1);

      for (const [m, portal] of [
        [patient, "patient"],
        [p.therapist, "therapist"],
      ] as const) {
        const mail = await smtp.waitFor(m.email, (x) => x.subject === SUBJECT, 30_000);
        expect(firstLink(mail, "/referrals/")).toBe(`${BASE}/${portal}/referrals/${referralId}`);
        expect(mail.text).toContain("Sign in to read it.");
        const token = new URL(firstLink(mail, "/mail/unsubscribe")).searchParams.get("token") ?? "";
        expect(verifyUnsubscribeToken(SECRET, token)).toEqual({
          userId: m.user.id,
          kind: "appointment_reminder",
        });
        // The unsubscribe token is random letters: left out, it cannot spell a word by chance.
        const all = `${mail.subject}\n${mail.text}\n${mail.html}`.replace(/token=[\w.%-]+/g, "token=");
        expect(all.match(HEALTH), all).toBeNull();
        // Nor the appointment's time or place: the portal shows those to whoever signs in.
        expect(all).not.toMatch(/\b10:00\b|10 ?AM|clinic/i);
      }
      // Later runs inside the same day find nothing new: no second email.
      expect(await sendAppointmentReminders(api.db, new Date(dayBefore.getTime() + HOUR))).toBe(0);
      expect(await sendAppointmentReminders(api.db, new Date(dayBefore.getTime() + 2 * HOUR))).toBe(0);
      await new Promise((r) => setTimeout(r, 2000));
      expect(
        reminderMails()
          .flatMap((m) => m.envelopeTo)
          .sort(),
      ).toEqual([patient.email, p.therapist.email].sort());
    });

    it("a patient who switched the reminder email off gets it in-app only; the therapist still by email", async () => {
      const { patient, referralId, startsAt } = await bookedPatient("Anna Aptoff", 5);
      await patient.caller.notification.setPreferences({ email: { appointment_reminder: false } });
      const before = reminderMails().length;
      expect(await sendAppointmentReminders(api.db, new Date(startsAt.getTime() - 23 * HOUR))).toBe(1);
      const [row] = await api.db
        .select({ id: notification.id })
        .from(notification)
        .where(
          and(
            eq(notification.referralId, referralId),
            eq(notification.userId, patient.user.id),
            eq(notification.kind, "appointment_reminder"),
          ),
        );
      expect(row).toBeDefined();
      const deadline = Date.now() + 30_000;
      let output: unknown;
      while (Date.now() < deadline && output === undefined) {
        const jobs = await boss.findJobs<EmailJob>(EMAIL_QUEUE, { data: { notificationId: row!.id } });
        output = jobs.find((j) => j.state === "completed")?.output;
        if (output === undefined) await new Promise((r) => setTimeout(r, 250));
      }
      expect(output).toEqual({ result: "email_off" });
      await smtp.waitFor(p.therapist.email, () => reminderMails().length > before, 30_000);
      expect(reminderMails().flatMap((m) => m.envelopeTo)).not.toContain(patient.email);
    });
  },
);
