import { randomUUID } from "node:crypto";
import { testDbTargets } from "@mm/db/testing";
import { firstLink, startSmtpTestServer } from "@mm/mail/testing";
import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "./test-server";

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Smtp = Awaited<ReturnType<typeof startSmtpTestServer>>;

const PASSWORD = "correct-horse-battery";
const ROLES = ["patient", "physician", "therapist"] as const;

describe.each(testDbTargets())("account flows over HTTP with real email on %s", (target) => {
  let s: Server;
  let smtp: Smtp;
  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    s = await startTestServer(target, { signInLimit: 1000, smtpUrl: smtp.url });
  });
  afterAll(async () => {
    await s?.close();
    await smtp?.close();
  });

  const cookiesOf = (res: Response) =>
    res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .filter((c) => !c?.endsWith("="))
      .join("; ");
  const post = (path: string, body: unknown, cookie = "") =>
    fetch(`${s.origin}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/json", origin: s.origin, ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
    });
  const session = async (cookie: string) => {
    const res = await fetch(`${s.origin}/api/auth/get-session?disableCookieCache=true`, {
      headers: { cookie },
    });
    return (await res.json()) as {
      user: { id: string; emailVerified: boolean; twoFactorEnabled?: boolean };
    } | null;
  };
  async function signUp(role: (typeof ROLES)[number] = "patient") {
    const id = randomUUID().slice(0, 8);
    const email = `flow-${id}@test.example`;
    const res = await post("/api/auth/sign-up/email", {
      email,
      password: PASSWORD,
      name: `Flow ${id}`,
      role,
      callbackURL: `/${role}/`,
    });
    expect(res.status).toBe(200);
    // Sign-up answers alike for new and known emails and signs nobody in: sign in after, as the portals do.
    const signedIn = await signIn(email);
    expect(signedIn.status).toBe(200);
    return { email, cookie: cookiesOf(signedIn) };
  }
  function signIn(email: string, password = PASSWORD) {
    return post("/api/auth/sign-in/email", { email, password });
  }

  it.each(ROLES)(
    "every new account (%s) is sent a verification link that verifies the email address",
    async (role) => {
      const { email, cookie } = await signUp(role);
      expect((await session(cookie))?.user.emailVerified).toBe(false);
      const mail = await smtp.waitFor(email);
      expect(mail.subject).toBe("Confirm your email address");
      const link = firstLink(mail, "/api/auth/verify-email");
      expect(link.startsWith(`${s.origin}/api/auth/verify-email?token=`)).toBe(true);
      const res = await fetch(link, { redirect: "manual" });
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe(`/${role}/`);
      expect((await session(cookie))?.user.emailVerified).toBe(true);
    },
  );

  it("signing up with a registered address tells its owner by email instead of verifying it (same answer)", async () => {
    const { email } = await signUp("physician");
    await smtp.waitFor(email, (m) => m.subject === "Confirm your email address");
    const again = await post("/api/auth/sign-up/email", {
      email,
      password: "someone-elses-password",
      name: "Someone Else",
      role: "patient",
    });
    expect(again.status).toBe(200);
    const mail = await smtp.waitFor(
      email,
      (m) => m.subject?.startsWith("Someone tried to create an account") ?? false,
    );
    expect(firstLink(mail)).toBe(`${s.origin}/physician/forgot-password`);
    expect(mail.text).not.toContain("Someone Else");
    // No second verification link, and the account is untouched: its own password still works, the other not.
    await new Promise((r) => setTimeout(r, 300));
    const toOwner = smtp.received.filter((m) => m.envelopeTo.includes(email));
    expect(toOwner.filter((m) => m.subject === "Confirm your email address")).toHaveLength(1);
    expect((await signIn(email)).status).toBe(200);
    expect((await signIn(email, "someone-elses-password")).status).toBe(401);
  });

  it("a new address gets only the verification email, never the already-registered one", async () => {
    const { email } = await signUp();
    await smtp.waitFor(email, (m) => m.subject === "Confirm your email address");
    await new Promise((r) => setTimeout(r, 300));
    const toNew = smtp.received.filter((m) => m.envelopeTo.includes(email));
    expect(toNew.map((m) => m.subject)).toEqual(["Confirm your email address"]);
  });

  it("forgot password: the emailed link resets it, ends every session, and the old password stops working", async () => {
    const { email, cookie } = await signUp();
    const asked = await post("/api/auth/request-password-reset", {
      email,
      redirectTo: "/patient/reset-password",
    });
    expect(asked.status).toBe(200);
    const mail = await smtp.waitFor(email, (m) => m.subject === "Reset your password");
    const link = firstLink(mail, "/api/auth/reset-password/");
    const landing = await fetch(link, { redirect: "manual" });
    expect(landing.status).toBe(302);
    const location = new URL(landing.headers.get("location") ?? "", s.origin);
    expect(location.pathname).toBe("/patient/reset-password");
    const token = location.searchParams.get("token");
    expect(token).toBeTruthy();
    const reset = await post("/api/auth/reset-password", { token, newPassword: "a-brand-new-password" });
    expect(reset.status).toBe(200);
    expect(await session(cookie)).toBeNull();
    expect((await signIn(email)).status).toBe(401);
    expect((await signIn(email, "a-brand-new-password")).status).toBe(200);
    // A token works once.
    const again = await post("/api/auth/reset-password", { token, newPassword: "yet-another-password" });
    expect(again.status).toBe(400);
  });

  it("asking to reset an unknown address answers the same as a known one (no account enumeration)", async () => {
    const res = await post("/api/auth/request-password-reset", { email: "nobody@test.example" });
    expect(res.status).toBe(200);
  });

  it("change password with revokeOtherSessions ends the account's other sessions, keeps this one", async () => {
    const { email, cookie: first } = await signUp();
    const second = cookiesOf(await signIn(email));
    const changed = await post(
      "/api/auth/change-password",
      { currentPassword: PASSWORD, newPassword: "changed-password-1", revokeOtherSessions: true },
      second,
    );
    expect(changed.status).toBe(200);
    // The change issues this device a fresh session cookie; the new value replaces the old one.
    const jar = new Map([...`${second}; ${cookiesOf(changed)}`.split("; ")].map((c) => [c.split("=")[0], c]));
    const current = [...jar.values()].join("; ");
    expect(await session(first)).toBeNull();
    expect(await session(current)).not.toBeNull();
    expect((await signIn(email, "changed-password-1")).status).toBe(200);
  });

  // Offered to every user, not only to physicians (who need it to sign).
  // better-auth allows 3 two-factor calls per 10 s from one address, and each role's test makes 3 from this one.
  let twoFactorWindowEnds = 0;
  it.each(ROLES)("two-factor for a %s: enrol with a TOTP app, then sign-in needs the code", async (role) => {
    await new Promise((r) => setTimeout(r, Math.max(0, twoFactorWindowEnds - Date.now())));
    const { email, cookie } = await signUp(role);
    const enabled = await post("/api/auth/two-factor/enable", { password: PASSWORD }, cookie);
    expect(enabled.status).toBe(200);
    const { totpURI, backupCodes } = (await enabled.json()) as { totpURI: string; backupCodes: string[] };
    expect(backupCodes.length).toBeGreaterThan(0);
    const secret = new URL(totpURI).searchParams.get("secret") ?? "";
    expect(new URL(totpURI).searchParams.get("issuer")).toBe("Prescribed Massage");
    // Not on until a code from the app proves the secret was stored.
    expect((await session(cookie))?.user.twoFactorEnabled).toBe(false);
    const wrong = await post("/api/auth/two-factor/verify-totp", { code: "000000" }, cookie);
    expect(wrong.status).toBe(401);
    const confirmed = await post(
      "/api/auth/two-factor/verify-totp",
      { code: await generate({ secret }) },
      cookie,
    );
    expect(confirmed.status).toBe(200);

    const first = await signIn(email);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ twoFactorRedirect: true });
    const pending = cookiesOf(first);
    expect(await session(pending)).toBeNull();
    const verified = await post(
      "/api/auth/two-factor/verify-totp",
      { code: await generate({ secret }) },
      pending,
    );
    expect(verified.status).toBe(200);
    const signedIn = await session(cookiesOf(verified));
    expect(signedIn?.user.twoFactorEnabled).toBe(true);
    twoFactorWindowEnds = Date.now() + 10_500;
  });
});
