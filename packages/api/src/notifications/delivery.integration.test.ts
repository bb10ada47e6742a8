import { notification } from "@mm/db";
import { testDbTargets } from "@mm/db/testing";
import { createMailer, verifyUnsubscribeToken } from "@mm/mail";
import { firstLink, startSmtpTestServer } from "@mm/mail/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Member, referralInput } from "../testing/referral-fixtures";
import { createTestApi, SAMPLE, type TestApi } from "../testing/test-support";
import { deliverNotificationEmail } from "./delivery";
import { notificationEffects, writeNotifications } from "./effects";

const BASE = "https://massage.test";
const SECRET = "test-secret-test-secret-test-secret-42";
// What the referral and the profiles hold: none of it may reach an email.
const HEALTH = /back|pain|desk|night|ibuprofen|neck|spasm|insomnia|Nora|Dr\. Mail/i;

describe.each(testDbTargets())("notification email through a real SMTP server on %s", (target) => {
  let api: TestApi;
  let smtp: Awaited<ReturnType<typeof startSmtpTestServer>>;
  let physician: Member;
  let patient: Member;
  let referralId: string;
  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    api = await createTestApi(target);
    physician = await api.member(SAMPLE.physician("Dr. Mail"));
    patient = await api.member(SAMPLE.patient("Nora Mail"));
    ({
      referral: { id: referralId },
    } = await patient.caller.referral.create(referralInput(physician.user.id)));
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });

  const deps = () => ({
    db: api.db,
    mailer: createMailer({ smtpUrl: smtp.url, from: "no-reply@massage.test", mailDir: "" }),
    baseUrl: BASE,
    secret: SECRET,
  });
  async function notify(type: "referral_requested" | "info_requested", actorId: string) {
    const effects = notificationEffects(
      { type, actorId, referralId },
      { patientId: patient.user.id, physicianId: physician.user.id, therapistId: null },
    );
    // The row just written (the recipient also has the one the write path wrote when the referral was requested).
    const [id] = await writeNotifications(api.db, effects);
    const [row] = await api.db
      .select({ id: notification.id, userId: notification.userId })
      .from(notification)
      .where(eq(notification.id, id!));
    expect(row?.userId).toBe(effects[0]!.userId);
    return row!.id;
  }

  it("says what happened, links to the referral in the recipient's portal, offers one-click unsubscribe", async () => {
    const id = await notify("referral_requested", patient.user.id);
    expect(await deliverNotificationEmail(deps(), id)).toBe("sent");
    const mail = await smtp.waitFor(physician.email);
    expect(mail.subject).toBe("A patient asked you for a massage prescription");
    expect(firstLink(mail, "/referrals/")).toBe(`${BASE}/physician/referrals/${referralId}`);
    expect(mail.text).toContain("Sign in to read it.");
    const unsubscribe = firstLink(mail, "/mail/unsubscribe");
    const token = new URL(unsubscribe).searchParams.get("token") ?? "";
    expect(verifyUnsubscribeToken(SECRET, token)).toEqual({
      userId: physician.user.id,
      kind: "referral_requested",
    });
    expect(mail.headerLines.map((h) => h.line).join("\n")).toContain("List-Unsubscribe-Post");
    expect(`${mail.subject}\n${mail.text}\n${mail.html}`).not.toMatch(HEALTH);
  });

  it("a kind switched off by email is not sent (in-app only)", async () => {
    await patient.caller.notification.setPreferences({ email: { question_asked: false } });
    const id = await notify("info_requested", physician.user.id);
    const before = smtp.received.length;
    expect(await deliverNotificationEmail(deps(), id)).toBe("email_off");
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.received.length).toBe(before);
    expect(await patient.caller.notification.unreadCount()).toEqual({ count: 1 });
  });

  it("a notification deleted with its referral is reported gone, not retried", async () => {
    expect(await deliverNotificationEmail(deps(), "00000000-0000-4000-8000-000000000000")).toBe("gone");
  });

  it("a transport failure throws, so the queue retries it", async () => {
    const id = await notify("referral_requested", patient.user.id);
    const broken = {
      ...deps(),
      mailer: createMailer({ smtpUrl: "smtp://127.0.0.1:1", from: "x@y.z", mailDir: "" }),
    };
    await expect(deliverNotificationEmail(broken, id)).rejects.toThrow();
  });
});
