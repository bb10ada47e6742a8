import { therapistProfile } from "@mm/db";
import { testDbTargets } from "@mm/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activeReferral } from "./testing/episode";
import { expectRefused, inDays, type Member, therapistProfileInput } from "./testing/referral-fixtures";
import { createTestApi, SAMPLE, type TestApi } from "./testing/test-support";
import { justNow, sessionInput, sessionsOf } from "./testing/treatment-fixtures";

const DAY_MS = 86_400_000;

describe.each(testDbTargets())("a therapist whose verification lapsed mid-treatment on %s", (target) => {
  let api: TestApi;
  /**
   * The server's clock (ctx.now) runs `shiftDays` away from the real one: the episode is signed yesterday, so the
   * sessions logged "just now" are after the prescription's signature (a session before it is refused).
   */
  let shiftDays = 0;
  const p = {} as Record<"patient" | "physician" | "therapist", Member>;
  let referralId: string;

  beforeAll(async () => {
    api = await createTestApi(target, { now: () => new Date(Date.now() + shiftDays * DAY_MS) });
    p.patient = await api.member(SAMPLE.patient("Standing Patient"));
    p.physician = await api.member(SAMPLE.physician("Dr. Standing"));
    p.therapist = await api.member(therapistProfileInput("Standing Therapist"));
    shiftDays = -1;
    try {
      ({ referralId } = await activeReferral(p, { rx: { validFrom: inDays(-1) } }));
    } finally {
      shiftDays = 0;
    }
  });
  afterAll(async () => api?.close());

  const setStanding = (values: { verifiedAt?: Date | null; credentialExpiresOn?: string }) =>
    api.db.update(therapistProfile).set(values).where(eq(therapistProfile.userId, p.therapist.user.id));
  const log = () => p.therapist.caller.session.log(sessionInput(referralId, { occurredAt: justNow() }));

  it("logs sessions while verified, and is refused once an operator withdraws verification", async () => {
    await log();
    await setStanding({ verifiedAt: null });
    const err = await expectRefused(log(), "PRECONDITION_FAILED", "session.therapist_not_verified");
    expect(err.message).toMatch(/verified/);
    expect(await sessionsOf(api, referralId)).toHaveLength(1);
  });

  it("is refused once the credential has expired, until it is renewed", async () => {
    await setStanding({ verifiedAt: new Date(), credentialExpiresOn: inDays(-1) });
    const err = await expectRefused(log(), "PRECONDITION_FAILED", "session.credential_expired");
    expect(err.message).toContain(inDays(-1));
    await setStanding({ credentialExpiresOn: inDays(365) });
    await log();
    expect(await sessionsOf(api, referralId)).toHaveLength(2);
  });
});
