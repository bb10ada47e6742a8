import { getPreferences } from "@mm/api";
import { testDbTargets } from "@mm/db/testing";
import { unsubscribeToken } from "@mm/mail";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "./test-server";

describe.each(testDbTargets())("one-click unsubscribe over HTTP on %s", (target) => {
  let s: Awaited<ReturnType<typeof startTestServer>>;
  let userId: string;
  beforeAll(async () => {
    s = await startTestServer(target);
    const res = await fetch(`${s.origin}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: s.origin },
      body: JSON.stringify({
        email: `unsub-${Date.now()}@test.example`,
        password: "correct-horse-battery",
        name: "U",
      }),
    });
    userId = ((await res.json()) as { user: { id: string } }).user.id;
  });
  afterAll(async () => s?.close());

  it("GET only asks; the mail client's POST (no session, no Origin) turns that kind's email off", async () => {
    const url = `${s.origin}/mail/unsubscribe?token=${unsubscribeToken(s.secret, userId, "message")}`;
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Stop these emails");
    expect((await getPreferences(s.db, userId)).message.email).toBe(true);

    const post = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(post.status).toBe(200);
    const prefs = await getPreferences(s.db, userId);
    expect(prefs.message.email).toBe(false);
    expect(prefs.referral_requested.email).toBe(true);
  });

  it("a forged or tampered token changes nothing", async () => {
    const forged = unsubscribeToken("another-secret-another-secret-0000", userId, "plan_changed");
    for (const token of [forged, "garbage", ""]) {
      const res = await fetch(`${s.origin}/mail/unsubscribe?token=${token}`, { method: "POST" });
      expect(res.status).toBe(400);
    }
    expect((await getPreferences(s.db, userId)).plan_changed.email).toBe(true);
  });
});
