/**
 * Account and web hardening at the HTTP boundary: sign-up does not reveal registered emails, sign-in is throttled
 * per account (whatever the address) and per client behind trusted proxies, tRPC batches and call rates are capped,
 * and bad text sent to better-auth answers 400 without leaking into the log.
 */
import { testDbTargets } from "@mm/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { capturedLog, startTestServer } from "./test-server";

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe.each(testDbTargets())("hardening on %s", (target) => {
  let s: Server;
  const log = capturedLog();
  beforeAll(async () => {
    s = await startTestServer(target, {
      signInLimit: 5,
      accountSignInLimit: 10,
      // The test client connects from 127.0.0.1: treat it as the load balancer.
      trustedProxies: "127.0.0.1",
      callsPerMinute: 40,
      logger: log.logger,
    });
  });
  afterAll(async () => s?.close());

  let n = 0;
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${s.origin}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: s.origin, ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
  /** A request forwarded by the trusted proxy for a distinct client address. */
  const from = (i: number) => ({ "x-forwarded-for": `198.51.100.${i}` });

  async function account() {
    n += 1;
    const email = `hardening-${n}-${Date.now()}@test.example`;
    const res = await post(
      "/api/auth/sign-up/email",
      { email, password: "correct-horse-battery", name: "H" },
      from(200 + n),
    );
    expect(res.status).toBe(200);
    return email;
  }

  it("sign-up answers a registered email exactly like a new one", async () => {
    const email = await account();
    const again = await post(
      "/api/auth/sign-up/email",
      { email, password: "other-password-1", name: "H" },
      from(1),
    );
    const fresh = await post(
      "/api/auth/sign-up/email",
      { email: `never-${Date.now()}@test.example`, password: "other-password-1", name: "H" },
      from(2),
    );
    expect(again.status).toBe(fresh.status);
    const shape = (b: { token: unknown; user: object }) => [b.token, Object.keys(b.user).sort()];
    expect(shape(await again.json())).toEqual(shape(await fresh.json()));
    expect(again.headers.getSetCookie()).toEqual(fresh.headers.getSetCookie());
  });

  it("throttles one account guessed from 25 addresses: the later guesses are not evaluated", async () => {
    const email = await account();
    const other = await account();
    const statuses = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        post("/api/auth/sign-in/email", { email, password: `wrong-${i}-guess` }, from(i + 10)),
      ),
    ).then((all) => all.map((r) => r.status));
    expect(statuses.filter((x) => x === 401).length).toBeLessThanOrEqual(10);
    expect(statuses.filter((x) => x === 429).length).toBeGreaterThanOrEqual(15);
    // Locked for everyone, even with the right password from a fresh address…
    expect(
      (await post("/api/auth/sign-in/email", { email, password: "correct-horse-battery" }, from(90))).status,
    ).toBe(429);
    // …while other accounts sign in normally.
    expect(
      (await post("/api/auth/sign-in/email", { email: other, password: "correct-horse-battery" }, from(91)))
        .status,
    ).toBe(200);
  });

  it("keys the per-address limit on the client behind the proxy, not on the proxy", async () => {
    const email = await account();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (await post("/api/auth/sign-in/email", { email, password: `wrong-${i}-pass` }, from(120))).status,
      );
    expect(statuses).toContain(429);
    // A different client behind the same proxy has its own bucket.
    expect(
      (
        await post(
          "/api/auth/sign-in/email",
          { email: "nobody@test.example", password: "whatever-123" },
          from(121),
        )
      ).status,
    ).toBe(401);
  });

  it("refuses a tRPC batch over 20 calls with 400 before running any", async () => {
    const referralId = "00000000-0000-4000-8000-000000000000";
    const paths = Array.from({ length: 21 }, () => "message.post").join(",");
    const input = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [i, { referralId, body: "hi" }]));
    const res = await post(`/trpc/${paths}?batch=1`, input, from(130));
    expect(res.status).toBe(400);
    const ok = await post(
      `/trpc/${Array.from({ length: 20 }, () => "message.post").join(",")}?batch=1`,
      input,
      from(131),
    );
    expect(ok.status).toBe(401); // run (and refused for want of a session), not refused as a batch
  });

  it("limits tRPC calls per user per minute", async () => {
    const email = await account();
    const signedIn = await post(
      "/api/auth/sign-in/email",
      { email, password: "correct-horse-battery" },
      from(140),
    );
    const cookie = signedIn.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const me = () => post("/trpc/me.get", "", { cookie, "x-http-method-override": "GET", ...from(141) });
    const statuses: number[] = [];
    for (let i = 0; i < 41; i++) statuses.push((await me()).status);
    expect(statuses.slice(0, 40).every((x) => x === 200)).toBe(true);
    expect(statuses[40]).toBe(429);
  });

  it("answers 400 to a NUL or a lone surrogate in update-user's name, and logs no SQL or email", async () => {
    const email = await account();
    const signedIn = await post(
      "/api/auth/sign-in/email",
      { email, password: "correct-horse-battery" },
      from(150),
    );
    const cookie = signedIn.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    for (const name of ["Pat\u0000Morgan", "Pat \ud800", "Pat\u0007"]) {
      const res = await post("/api/auth/update-user", { name }, { cookie, ...from(151) });
      expect(res.status, JSON.stringify(name)).toBe(400);
      expect((await res.json()).message).toMatch(/name/);
    }
    expect(log.text()).not.toMatch(/insert into|update "user"|params:/i);
    expect(log.text()).not.toContain(email);
  });
});
