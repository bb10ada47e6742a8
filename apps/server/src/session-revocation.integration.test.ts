/**
 * A session that ends (sign-out, revoke-session, revoke-other-sessions, password change with revoke) is refused at
 * once by the whole cookie and by the token alone, and its open live streams close.
 */
import { testDbTargets } from "@mm/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "./cli/demo-accounts";
import { seedDemo } from "./cli/seed-demo";
import { startTestServer } from "./test-server";

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe.each(testDbTargets())("session revocation on %s", (target) => {
  let s: Server;
  beforeAll(async () => {
    s = await startTestServer(target, { signInLimit: 1000 });
    await seedDemo(s.deps, new Date());
  }, 60_000);
  afterAll(async () => s?.close());

  const post = (path: string, body: unknown, cookie?: string) =>
    fetch(`${s.origin}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: s.origin, ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
    });

  /** The whole cookie jar of a fresh sign-in, and the session token cookie alone. */
  async function signIn(email: string, password = DEMO_PASSWORD) {
    const res = await post("/api/auth/sign-in/email", { email, password });
    expect(res.status).toBe(200);
    const cookies = res.headers.getSetCookie().map((c) => c.split(";")[0]!);
    const token = cookies.find((c) => c.includes("session_token"))!;
    return {
      cookie: cookies.join("; "),
      token,
      raw: decodeURIComponent(token.split("=")[1]!).split(".")[0]!,
    };
  }

  const meStatus = async (cookie: string) =>
    (
      await fetch(`${s.origin}/trpc/me.get`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          origin: s.origin,
          cookie,
          "x-http-method-override": "GET",
        },
      })
    ).status;

  /** Polls until the cookie is refused; fails if that takes a second or more. */
  async function refusedWithinASecond(cookie: string) {
    const started = Date.now();
    while ((await meStatus(cookie)) !== 401) {
      expect(Date.now() - started, "still accepted after 1 s").toBeLessThan(1000);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Opens the live timeline of the patient's first referral; resolves `ended` when the server closes it. */
  async function openStream(cookie: string) {
    const list = await fetch(`${s.origin}/trpc/referral.list`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: s.origin,
        cookie,
        "x-http-method-override": "GET",
      },
      body: JSON.stringify({ limit: 5 }),
    });
    const referralId = ((await list.json()) as { result: { data: { items: { id: string }[] } } }).result.data
      .items[0]!.id;
    const input = encodeURIComponent(JSON.stringify({ referralId }));
    const res = await fetch(`${s.origin}/trpc/timeline.onEvent?input=${input}`, {
      headers: { cookie, accept: "text/event-stream" },
    });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const ended = (async () => {
      for (;;) if ((await reader.read()).done) return Date.now();
    })();
    return { ended, cancel: () => reader.cancel().catch(() => {}) };
  }

  async function endsWithinASecond(stream: Awaited<ReturnType<typeof openStream>>, from: number) {
    const timeout = new Promise<number>((r) => setTimeout(() => r(Number.POSITIVE_INFINITY), 1500));
    const at = await Promise.race([stream.ended, timeout]);
    stream.cancel();
    expect(at - from, "stream still open").toBeLessThan(1000);
  }

  it("sign-out: the whole cookie and the token alone are refused, and the open stream closes", async () => {
    const a = await signIn("patient@demo.example");
    const copy = await signIn("patient@demo.example");
    expect(await meStatus(a.cookie)).toBe(200);
    expect(await meStatus(a.token)).toBe(200);
    const stream = await openStream(a.cookie);
    const at = Date.now();
    expect((await post("/api/auth/sign-out", {}, a.cookie)).status).toBe(200);
    await refusedWithinASecond(a.cookie);
    await refusedWithinASecond(a.token);
    await endsWithinASecond(stream, at);
    // Another session of the same person is untouched.
    expect(await meStatus(copy.cookie)).toBe(200);
  });

  it("revoke-session ends that other session and its stream", async () => {
    const a = await signIn("patient@demo.example");
    const b = await signIn("patient@demo.example");
    expect(await meStatus(b.cookie)).toBe(200);
    const stream = await openStream(b.cookie);
    const at = Date.now();
    expect((await post("/api/auth/revoke-session", { token: b.raw }, a.cookie)).status).toBe(200);
    await refusedWithinASecond(b.cookie);
    await refusedWithinASecond(b.token);
    await endsWithinASecond(stream, at);
    expect(await meStatus(a.cookie)).toBe(200);
  });

  it("sign out everywhere else (revoke-other-sessions) ends every other session", async () => {
    const a = await signIn("patient@demo.example");
    const b = await signIn("patient@demo.example");
    expect(await meStatus(b.token)).toBe(200);
    const stream = await openStream(b.token);
    const at = Date.now();
    expect((await post("/api/auth/revoke-other-sessions", {}, a.cookie)).status).toBe(200);
    await refusedWithinASecond(b.cookie);
    await refusedWithinASecond(b.token);
    await endsWithinASecond(stream, at);
    expect(await meStatus(a.cookie)).toBe(200);
  });

  it("a password change with revokeOtherSessions ends the other sessions", async () => {
    // Not the demo physician: their sign-in asks for a TOTP code (two-factor is on for physicians).
    const email = "therapist@demo.example";
    const a = await signIn(email);
    const b = await signIn(email);
    expect(await meStatus(b.cookie)).toBe(200);
    const changed = await post(
      "/api/auth/change-password",
      { currentPassword: DEMO_PASSWORD, newPassword: "another-long-password-1", revokeOtherSessions: true },
      a.cookie,
    );
    expect(changed.status).toBe(200);
    await refusedWithinASecond(b.cookie);
    await refusedWithinASecond(b.token);
    // The session that changed the password got a new cookie; the one it sent before is over too.
    await refusedWithinASecond(a.cookie);
    const fresh = changed.headers
      .getSetCookie()
      .map((c) => c.split(";")[0]!)
      .join("; ");
    expect(await meStatus(fresh)).toBe(200);
  });
});
