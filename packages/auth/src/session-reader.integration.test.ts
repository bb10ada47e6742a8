import { createDb, session } from "@mm/db";
import { createTestDatabase, createTestDb, type TestDb, tcpRelay, testDbTargets } from "@mm/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Auth, createAuth } from "./server";
import { forgetSession, listenForRevocations, readSession, watchSession } from "./session-reader";

describe.each(testDbTargets())("session memo on %s", (target) => {
  let db: TestDb;
  let auth: Auth;
  const origin = "http://127.0.0.1:3000";

  beforeAll(async () => {
    db = await createTestDb(target);
    auth = createAuth({ db: db.db, secret: "session-reader-test-secret-0123456789", baseURL: origin });
    expect(await listenForRevocations(auth, db.notifier, db.db)).toBe(true);
  });
  afterAll(async () => db?.close());

  /** A real sign-up and sign-in; returns only the session token cookie, so every unmemoized check reads the session table. */
  async function signedUp(email: string) {
    await auth.api.signUpEmail({
      body: { email, password: "long-enough-password", name: "Pat Example" },
      headers: new Headers({ origin }),
    });
    const res = await auth.api.signInEmail({
      body: { email, password: "long-enough-password" },
      headers: new Headers({ origin }),
      asResponse: true,
    });
    expect(res.status).toBe(200);
    const token = res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0]!)
      .find((c) => c.includes("session_token"));
    return new Headers({ cookie: token! });
  }

  it("answers the signed-in user, and null without or with a made-up token", async () => {
    const headers = await signedUp("memo-a@test.example");
    expect((await readSession(auth, headers))?.user.email).toBe("memo-a@test.example");
    expect(await readSession(auth, new Headers())).toBeNull();
    expect(
      await readSession(auth, new Headers({ cookie: "better-auth.session_token=forged.signature" })),
    ).toBeNull();
  });

  it("remembers a checked session, and forgets it on request", async () => {
    const headers = await signedUp("memo-b@test.example");
    expect((await readSession(auth, headers))?.user.email).toBe("memo-b@test.example");
    forgetSession(auth, headers);
    expect((await readSession(auth, headers))?.user.email).toBe("memo-b@test.example");
  });

  it("forgets a session deleted by any path (the revocation broadcast) and tells its watchers", async () => {
    const headers = await signedUp("memo-c@test.example");
    const read = await readSession(auth, headers);
    expect(read?.user.email).toBe("memo-c@test.example");
    const ended = new Promise<void>((resolve) => watchSession(auth, read!.session.id, resolve));
    // The same cookie spelled without percent-encoding is a second memo entry for the same session.
    const cookie = headers.get("cookie")!;
    const at = cookie.indexOf("=");
    const decoded = new Headers({
      cookie: `${cookie.slice(0, at)}=${decodeURIComponent(cookie.slice(at + 1))}`,
    });
    expect(decoded.get("cookie")).not.toBe(cookie);
    expect((await readSession(auth, decoded))?.session.id).toBe(read!.session.id);
    // Deleted behind better-auth's back (as another instance or the operator would): the memo must not answer.
    await db.db.delete(session);
    await ended;
    expect(await readSession(auth, headers)).toBeNull();
    expect(await readSession(auth, decoded)).toBeNull();
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)("session memo across a listener outage on PostgreSQL", () => {
  const origin = "http://127.0.0.1:3000";

  it("a session deleted while the listener was away is forgotten once it is back, and its watchers told", async () => {
    const fresh = await createTestDatabase();
    const direct = await tcpRelay(new URL(fresh.url));
    const handle = await createDb({ databaseUrl: fresh.url, directUrl: direct.url, poolSize: 2 });
    try {
      const auth = createAuth({
        db: handle.db,
        secret: "session-reader-test-secret-0123456789",
        baseURL: origin,
      });
      expect(await listenForRevocations(auth, handle.notifier, handle.db)).toBe(true);
      await auth.api.signUpEmail({
        body: { email: "outage@test.example", password: "long-enough-password", name: "Pat Example" },
        headers: new Headers({ origin }),
      });
      const res = await auth.api.signInEmail({
        body: { email: "outage@test.example", password: "long-enough-password" },
        headers: new Headers({ origin }),
        asResponse: true,
      });
      const cookie = res.headers
        .getSetCookie()
        .map((c) => c.split(";")[0]!)
        .find((c) => c.includes("session_token"))!;
      const headers = new Headers({ cookie });
      const read = await readSession(auth, headers);
      expect(read?.user.email).toBe("outage@test.example");
      const ended = new Promise<void>((resolve) => watchSession(auth, read!.session.id, resolve));

      await direct.cut();
      // Its broadcast is sent while nobody listens: lost.
      await handle.db.delete(session);
      await direct.restore();
      await ended;
      expect(await readSession(auth, headers)).toBeNull();
    } finally {
      await handle.close();
      await direct.cut();
      await fresh.drop();
    }
  }, 60_000);
});
