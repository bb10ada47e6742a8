import { request } from "node:http";
import { testDbTargets } from "@mm/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "./test-server";

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe.each(testDbTargets())("HTTP security on %s", (target) => {
  let s: Server;
  beforeAll(async () => {
    s = await startTestServer(target, { signInLimit: 5 });
  });
  afterAll(async () => s?.close());

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${s.origin}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: s.origin, ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });

  it("sends security headers on every response but the liveness probe", async () => {
    for (const path of ["/readyz", "/", "/trpc/me.get", "/trpc/system.info", "/nope"]) {
      const res = await fetch(`${s.origin}${path}`);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("default-src 'self'");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("referrer-policy"), path).toBe("no-referrer");
    }
  });

  it("tells every cache not to keep a tRPC answer (they carry health data)", async () => {
    const email = `cache-${Date.now()}@test.example`;
    await post("/api/auth/sign-up/email", { email, password: "correct-horse-battery", name: "Cache Person" });
    // Sign-up signs nobody in (it answers alike for known emails): sign in as the portals do.
    const created = await post("/api/auth/sign-in/email", { email, password: "correct-horse-battery" });
    const cookie = created.headers
      .getSetCookie()
      .map((c) => c.split(";")[0]!)
      .join("; ");
    const answers = [
      await post("/trpc/me.get", "", { cookie }),
      await fetch(`${s.origin}/trpc/me.get`, { headers: { cookie } }),
      await post("/trpc/me.get,quiz.get?batch=1", { 0: null, 1: null }, { cookie }),
      await post("/trpc/me.get", ""),
      await post("/trpc/referral.get", { id: "not-an-id" }, { cookie }),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 401, 400]);
    for (const res of answers) expect(res.headers.get("cache-control"), String(res.status)).toBe("no-store");
  });

  it("answers /healthz and the landing page links the three portals", async () => {
    const health = await fetch(`${s.origin}/healthz`);
    expect(await health.json()).toEqual({ ok: true });
    // Answered before every middleware: probes and the bench's HTTP floor pay for nothing else.
    expect(health.headers.get("content-security-policy")).toBeNull();
    const html = await (await fetch(`${s.origin}/`)).text();
    for (const p of ["/patient/", "/physician/", "/therapist/"]) expect(html).toContain(`href="${p}"`);
  });

  it("refuses cross-origin posts to /api/auth and to tRPC mutations", async () => {
    const evil = { origin: "https://evil.example" };
    const signUp = await post(
      "/api/auth/sign-up/email",
      { email: "x@test.example", password: "long-enough-pass", name: "X" },
      evil,
    );
    expect(signUp.status).toBe(403);
    const form = await fetch(`${s.origin}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...evil },
      body: "email=x%40test.example&password=whatever",
    });
    expect(form.status).toBe(403);
    const mutation = await post(
      "/trpc/message.post",
      { referralId: "00000000-0000-4000-8000-000000000000", body: "hi" },
      evil,
    );
    expect(mutation.status).toBe(403);
  });

  it("refuses huge bodies early with 413", async () => {
    const huge = JSON.stringify({ email: "a@test.example", password: "x".repeat(400_000), name: "A" });
    // One connection per request: the server answers before reading the whole body, then drops the socket.
    const rawPost = (path: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(
          `${s.origin}${path}`,
          { method: "POST", agent: false, headers: { "content-type": "application/json", origin: s.origin } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on("error", reject);
        req.end(huge);
      });
    expect(await rawPost("/api/auth/sign-up/email")).toBe(413);
    expect(await rawPost("/trpc/message.post")).toBe(413);
  });

  it("refuses a signed-out session at once (before the sign-in limit is used up), although checked sessions are remembered", async () => {
    const created = await post("/api/auth/sign-up/email", {
      email: `leaving-${Date.now()}@test.example`,
      password: "correct-horse-battery",
      name: "Leaving Person",
    });
    expect(created.status).toBe(200);
    const signedIn = await post("/api/auth/sign-in/email", {
      email: (await created.json()).user.email,
      password: "correct-horse-battery",
    });
    // Only the session token, as a stolen cookie would be.
    const token = signedIn.headers
      .getSetCookie()
      .map((c) => c.split(";")[0]!)
      .find((c) => c.includes("session_token"))!;
    const me = () => post("/trpc/me.get", "", { cookie: token });
    expect((await me()).status).toBe(200);
    expect((await me()).status).toBe(200);
    expect((await post("/api/auth/sign-out", {}, { cookie: token })).status).toBe(200);
    expect((await me()).status).toBe(401);
  });

  it("rate limits repeated failed sign-ins without revealing whether the email exists", async () => {
    const email = `real-${Date.now()}@test.example`;
    const created = await post("/api/auth/sign-up/email", {
      email,
      password: "correct-horse-battery",
      name: "Real Person",
    });
    expect(created.status).toBe(200);
    const wrongPassword = await post("/api/auth/sign-in/email", { email, password: "wrong-password-1" });
    const unknownEmail = await post("/api/auth/sign-in/email", {
      email: `ghost-${Date.now()}@test.example`,
      password: "wrong-password-1",
    });
    expect(wrongPassword.status).toBe(unknownEmail.status);
    expect((await wrongPassword.json()).message).toBe((await unknownEmail.json()).message);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (await post("/api/auth/sign-in/email", { email, password: `wrong-${i}-password` })).status,
      );
    expect(statuses).toContain(429);
    // Even the right password is refused while the address is locked out.
    expect((await post("/api/auth/sign-in/email", { email, password: "correct-horse-battery" })).status).toBe(
      429,
    );
  });

  it("keeps tRPC inputs out of access paths: queries work over POST (method override)", async () => {
    const res = await post("/trpc/me.get", "");
    expect(res.status).toBe(401);
    const body = await res.json();
    expect(body.error.data.code).toBe("UNAUTHORIZED");
  });
});
