import { notification } from "@mm/db";
import { testDbTargets } from "@mm/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectRefused, type Member, referralInput } from "../testing/referral-fixtures";
import { createTestApi, SAMPLE, type TestApi } from "../testing/test-support";

/** Notifications written by the write path itself: every change's events notify the referral's other parties. */
describe.each(testDbTargets())("notifications from real changes on %s", (target) => {
  let api: TestApi;
  let physician: Member;
  let patient: Member;
  let outsider: Member;
  beforeAll(async () => {
    api = await createTestApi(target);
    physician = await api.member(SAMPLE.physician("Dr. Wired"));
    patient = await api.member(SAMPLE.patient("Wanda Wired"));
    outsider = await api.member(SAMPLE.physician("Dr. Outside"));
  });
  afterAll(async () => api?.close());

  const kindsOf = async (m: Member, referralId: string) =>
    (await api.db.select().from(notification).where(eq(notification.userId, m.user.id)))
      .filter((n) => n.referralId === referralId)
      .map((n) => n.kind);

  it("a new request notifies its physician only; a question notifies the patient only", async () => {
    const {
      referral: { id },
    } = await patient.caller.referral.create(referralInput(physician.user.id));
    expect(await kindsOf(physician, id)).toEqual(["referral_requested"]);
    expect(await kindsOf(patient, id)).toEqual([]);
    expect(await kindsOf(outsider, id)).toEqual([]);

    await physician.caller.referral.requestInfo({ referralId: id, question: "Any imaging?" });
    expect(await kindsOf(patient, id)).toEqual(["question_asked"]);
    expect(await kindsOf(physician, id)).toEqual(["referral_requested"]);

    // The bell and the list read the same rows; someone else's never shows.
    const list = await physician.caller.notification.list({});
    expect(list.items.filter((n) => n.referralId === id).map((n) => n.kind)).toEqual(["referral_requested"]);
    expect((await outsider.caller.notification.list({})).items).toEqual([]);
  });

  it("a refused change writes no notification", async () => {
    const {
      referral: { id, version },
    } = await patient.caller.referral.create(referralInput(physician.user.id));
    const before = await kindsOf(patient, id);
    await expectRefused(
      physician.caller.referral.decline({
        referralId: id,
        reason: "Not for massage",
        expectedVersion: version + 5,
      }),
      "CONFLICT",
    );
    expect(await kindsOf(patient, id)).toEqual(before);
  });
});
