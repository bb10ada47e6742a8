import { session } from "@mm/db";
import { createTestDb, type TestDb, testDbTargets } from "@mm/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Auth, createAuth } from "./server";
import { forgetSession, readSession } from "./session-reader";

describe.each(testDbTargets())("session memo on %s", (target) => {
  let db: TestDb;
  let auth: Auth;
  const origin = "http://127.0.0.1:3000";

  beforeAll(async () => {
    db = await createTestDb(target);
    auth = createAuth({ db: db.db, secret: "session-reader-test-secret-0123456789", baseURL: origin });
  });
  afterAll(async () => db?.close());

  /** A real sign-up; returns only the session token cookie, so every unmemoized check reads the session table. */
  async function signedUp(email: string) {
    const res = await auth.api.signUpEmail({
      body: { email, password: "long-enough-password", name: "Pat Example" },
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
    // Revoked behind the memo's back: still trusted within the memo's lifetime (as better-auth's cookie cache is)…
    await db.db.delete(session);
    expect((await readSession(auth, headers))?.user.email).toBe("memo-b@test.example");
    // …until this server sees the session change (sign-out goes through forgetSession first).
    forgetSession(auth, headers);
    expect(await readSession(auth, headers)).toBeNull();
  });
});
