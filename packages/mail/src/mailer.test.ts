import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NOTIFICATION_KINDS } from "@mm/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMailer, listMailbox } from "./mailer";
import { notificationEmail, referralUrl, resetPasswordMail } from "./templates";
import { firstLink, startSmtpTestServer } from "./testing";
import { unsubscribeToken, verifyUnsubscribeToken } from "./unsubscribe";

const referralId = "6f1c3a52-8a44-4f0e-9b57-0d0f6a1e2b3c";
const userId = "0b7e1d9a-3c55-4e21-8f90-a2b4c6d8e0f1";
const SECRET = "test-secret-test-secret-test-secret-42";
// Words a referral's record holds; none may ever appear in an email.
const HEALTH_WORDS = /pain|lumbar|neck|diagnos|condition|symptom|medication|sleep|migraine|fibromyalgia/i;

describe("mail through a real SMTP server", () => {
  let smtp: Awaited<ReturnType<typeof startSmtpTestServer>>;
  beforeAll(async () => {
    smtp = await startSmtpTestServer();
  });
  afterAll(() => smtp.close());

  it("every notification kind: subject, the referral link, one-click unsubscribe, no health data", async () => {
    const mailer = createMailer({
      smtpUrl: smtp.url,
      from: "Prescribed Massage <no-reply@massage.test>",
      mailDir: "",
    });
    expect(mailer.kind).toBe("smtp");
    for (const kind of NOTIFICATION_KINDS) {
      const to = `${kind}@patient.test`;
      const unsubscribeUrl = `https://massage.test/mail/unsubscribe?token=${unsubscribeToken(SECRET, userId, kind)}`;
      const link = referralUrl("https://massage.test/", "patient", referralId);
      await mailer.send({ to, ...notificationEmail({ kind, link, unsubscribeUrl }), unsubscribeUrl });
      const got = await smtp.waitFor(to);
      expect(got.subject).toBeTruthy();
      expect(got.from?.text).toContain("no-reply@massage.test");
      expect(firstLink(got, "/patient/referrals/")).toBe(
        `https://massage.test/patient/referrals/${referralId}`,
      );
      expect(got.text).toContain("Sign in to read it.");
      expect(got.html).toContain(`href="https://massage.test/patient/referrals/${referralId}"`);
      // mailparser folds List-* headers into one object; the raw lines are what mail clients read.
      const raw = got.headerLines.map((h) => h.line.replace(/\r?\n[ \t]+/g, " ")).join("\n");
      expect(raw).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
      expect(raw).toContain(`List-Unsubscribe: <${unsubscribeUrl}>`);
      expect(`${got.subject}\n${got.text}\n${got.html}`).not.toMatch(HEALTH_WORDS);
    }
    mailer.close();
  });

  it("the answered-request email reads as the issue asks", async () => {
    const mailer = createMailer({ smtpUrl: smtp.url, from: "no-reply@massage.test", mailDir: "" });
    const link = referralUrl("https://massage.test", "patient", referralId);
    await mailer.send({
      to: "answer@patient.test",
      ...notificationEmail({ kind: "question_asked", link, unsubscribeUrl: "https://massage.test/u" }),
    });
    const got = await smtp.waitFor("answer@patient.test");
    expect(got.subject).toBe("Your physician asked you a question about your request");
    mailer.close();
  });
});

describe("embedded default: .eml files", () => {
  it("writes one file per message and lists them newest first", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "mm-mail-")), "mail");
    const mailer = createMailer({ from: "no-reply@massage.test", mailDir: dir });
    expect(mailer.kind).toBe("files");
    await mailer.send({ to: "a@patient.test", ...resetPasswordMail("https://massage.test/reset/abc") });
    await mailer.send({ to: "b@patient.test", ...resetPasswordMail("https://massage.test/reset/def") });
    const listed = listMailbox(dir);
    expect(listed.map((m) => m.to)).toEqual(["b@patient.test", "a@patient.test"]);
    expect(listed[0]?.subject).toBe("Reset your password");
    expect(readFileSync(listed[0]!.file, "utf8")).toContain("https://massage.test/reset/def");
    expect(listMailbox(join(dir, "missing"))).toEqual([]);
  });
});

describe("unsubscribe tokens", () => {
  it("round-trip, and refuse a forged or altered token", () => {
    const token = unsubscribeToken(SECRET, userId, "message");
    expect(verifyUnsubscribeToken(SECRET, token)).toEqual({ userId, kind: "message" });
    expect(verifyUnsubscribeToken("another-secret-another-secret-000", token)).toBeNull();
    const [payload, sig] = token.split(".");
    const other = Buffer.from(`${userId}:referral_requested`).toString("base64url");
    expect(verifyUnsubscribeToken(SECRET, `${other}.${sig}`)).toBeNull();
    expect(verifyUnsubscribeToken(SECRET, `${payload}`)).toBeNull();
    expect(verifyUnsubscribeToken(SECRET, "")).toBeNull();
    const badKind = Buffer.from(`${userId}:nope`).toString("base64url");
    expect(verifyUnsubscribeToken(SECRET, `${badKind}.x`)).toBeNull();
  });
});
