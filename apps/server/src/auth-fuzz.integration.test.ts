/**
 * The fuzz suite's hostile values (NUL, unpaired surrogates, control characters, huge and tiny numbers, year-0000
 * dates, any JSON) sent to better-auth's endpoints through the real HTTP app: none answers 500, a refusal says
 * what was wrong, and better-auth's own log lines reach the app's pino logger without SQL or email addresses.
 */
import { randomUUID } from "node:crypto";
import {
  anyJson,
  hostileFor,
  leafAt,
  leafPaths,
  mutationsOf,
  setAt,
  sweepValuesFor,
} from "@mm/api/testing/hostile-input";
import { testDbTargets } from "@mm/db/testing";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { capturedLog, startTestServer } from "./test-server";

type Server = Awaited<ReturnType<typeof startTestServer>>;

const PASSWORD = "correct-horse-battery";

/** A better-auth endpoint and a valid request to it (the body a portal sends, or query parameters). */
type Endpoint = {
  path: string;
  signedIn?: boolean;
  body?: (email: string) => Record<string, unknown>;
  query?: Record<string, string>;
};

const ENDPOINTS: Endpoint[] = [
  {
    path: "/sign-up/email",
    body: () => ({
      email: `fuzz-${randomUUID().slice(0, 8)}@test.example`,
      password: PASSWORD,
      name: "Fuzz Person",
      role: "patient",
      timeZone: "Europe/Paris",
      callbackURL: "/patient/",
    }),
  },
  {
    path: "/sign-in/email",
    body: (email) => ({ email, password: "wrong-password-1", rememberMe: true, callbackURL: "/patient/" }),
  },
  {
    path: "/update-user",
    signedIn: true,
    body: () => ({ name: "Fuzz Renamed", timeZone: "America/New_York", image: "https://example.test/a.png" }),
  },
  {
    path: "/change-password",
    signedIn: true,
    body: () => ({
      currentPassword: "not-the-password",
      newPassword: "a-new-password-1",
      revokeOtherSessions: false,
    }),
  },
  { path: "/request-password-reset", body: (email) => ({ email, redirectTo: "/patient/reset-password" }) },
  { path: "/reset-password", body: () => ({ token: "not-a-token", newPassword: "a-new-password-1" }) },
  { path: "/send-verification-email", body: (email) => ({ email, callbackURL: "/patient/" }) },
  { path: "/verify-email", query: { token: "not-a-token", callbackURL: "/patient/" } },
  { path: "/reset-password/not-a-token", query: { callbackURL: "/patient/reset-password" } },
  { path: "/revoke-session", signedIn: true, body: () => ({ token: "not-a-session-token" }) },
  {
    path: "/two-factor/enable",
    signedIn: true,
    body: () => ({ password: "not-the-password", issuer: "Fuzz" }),
  },
  { path: "/two-factor/verify-totp", body: () => ({ code: "123456", trustDevice: true }) },
  { path: "/two-factor/verify-backup-code", body: () => ({ code: "abcde-fghij", trustDevice: false }) },
];

/** Random requests per endpoint on top of the sweep (two databases, a busy 2-core machine: keep it small). */
const RUNS = 15;

describe.each(testDbTargets())("hostile input to better-auth's endpoints on %s", (target) => {
  let s: Server;
  const log = capturedLog();
  beforeAll(async () => {
    s = await startTestServer(target, {
      signInLimit: 10_000,
      accountSignInLimit: 10_000,
      // Each request comes "from" its own client behind the test's proxy, so the rate limits never hide a handler.
      trustedProxies: "127.0.0.1",
      logger: log.logger,
    });
  });
  afterAll(async () => s?.close());

  let client = 0;
  function send(endpoint: Endpoint, input: unknown, cookie = "") {
    client += 1;
    const headers: Record<string, string> = {
      origin: s.origin,
      "x-forwarded-for": `198.18.${(client >> 8) & 255}.${client & 255}`,
      ...(cookie ? { cookie } : {}),
    };
    const url = new URL(`/api/auth${endpoint.path}`, s.origin);
    if (endpoint.query) {
      for (const [k, v] of Object.entries((input ?? {}) as Record<string, unknown>))
        url.searchParams.set(k, String(v));
      return fetch(url, { headers, redirect: "manual" });
    }
    return fetch(url, {
      method: "POST",
      redirect: "manual",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify(input),
    });
  }

  async function account() {
    const email = `fuzz-owner-${randomUUID().slice(0, 8)}@test.example`;
    const up = await send(ENDPOINTS[0]!, { email, password: PASSWORD, name: "Fuzz Owner" });
    expect(up.status).toBe(200);
    const res = await send(ENDPOINTS[1]!, { email, password: PASSWORD });
    expect(res.status).toBe(200);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    return { email, cookie };
  }

  async function expectHandled(endpoint: Endpoint, input: unknown, cookie: string) {
    const res = await send(endpoint, input, cookie);
    const text = await res.text();
    const what = `${endpoint.path}(${JSON.stringify(input)}) → ${res.status} ${text.slice(0, 200)}`;
    expect(res.status, what).toBeLessThan(500);
    if (res.status === 400 && text) {
      // A refusal is JSON with a message (never the empty body better-auth once sent for a failed INSERT).
      const body = JSON.parse(text) as { message?: unknown };
      expect(typeof body.message, what).toBe("string");
    }
  }

  it.each(ENDPOINTS.map((e) => [e.path, e] as const))(
    "%s: hostile values in every field, and mangled requests, never answer 500",
    async (_path, endpoint) => {
      const { email, cookie } = await account();
      const valid = endpoint.query ?? endpoint.body?.(email) ?? {};
      const auth = endpoint.signedIn ? cookie : "";
      // The sweep: every field gets each hostile class of its type (booleans get text and a huge number).
      for (const p of leafPaths(valid)) {
        const leaf = leafAt(valid, p);
        const values = typeof leaf === "boolean" ? ["a\u0000b", 1e39] : sweepValuesFor(leaf);
        for (const v of values) await expectHandled(endpoint, setAt(valid, p, v), auth);
      }
      // Random: any JSON, a valid request with fields replaced, dropped or added, one field hostile.
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            anyJson,
            mutationsOf(valid),
            ...leafPaths(valid).map((p) => hostileFor(leafAt(valid, p)).map((v) => setAt(valid, p, v))),
          ),
          async (input) => expectHandled(endpoint, input, auth),
        ),
        { numRuns: RUNS },
      );
    },
  );

  it("routes better-auth's own log lines through the app's logger, without SQL or email addresses", async () => {
    // A wrong password is one of the things better-auth logs itself (at warn).
    const { email } = await account();
    await send(ENDPOINTS[1]!, { email, password: "wrong-password-2" });
    const lines = log
      .text()
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { source?: string; level: number; msg?: string });
    const fromAuth = lines.filter((l) => l.source === "better-auth");
    expect(fromAuth.map((l) => l.msg)).toContain("Invalid password");
    // Nothing the fuzzing sent made better-auth (or the server) log an error.
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
    expect(log.text()).not.toMatch(/insert into|update "user"|params:|failed query/i);
    expect(log.text()).not.toContain("@test.example");
  });
});
