import { user } from "@mm/db";
import { testDbTargets } from "@mm/db/testing";
import { TWO_FACTOR_REQUIRED_TO_SIGN } from "@mm/domain";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectRefused,
  inDays,
  type Member,
  prescriptionInput,
  referralInput,
  snapshot,
} from "./testing/referral-fixtures";
import { createTestApi, SAMPLE, type TestApi } from "./testing/test-support";

describe.each(testDbTargets())("two-factor sign-in required to sign prescriptions on %s", (target) => {
  let api: TestApi;
  let physician: Member;
  let patient: Member;
  beforeAll(async () => {
    api = await createTestApi(target);
    physician = await api.member(SAMPLE.physician("Dr. Single Factor"), { twoFactor: false });
    patient = await api.member(SAMPLE.patient("Sam Two"));
  });
  afterAll(async () => api?.close());

  const setTwoFactor = (on: boolean) =>
    api.db.update(user).set({ twoFactorEnabled: on }).where(eq(user.id, physician.user.id));

  it("a physician without two-factor sign-in cannot sign or renew, and nothing changes", async () => {
    const {
      referral: { id },
    } = await patient.caller.referral.create(referralInput(physician.user.id));
    const before = await snapshot(api, id);
    const err = await expectRefused(
      physician.caller.prescription.sign(prescriptionInput(id)),
      "PRECONDITION_FAILED",
      TWO_FACTOR_REQUIRED_TO_SIGN,
    );
    expect(err.message).toMatch(/two-factor/);
    expect(await snapshot(api, id)).toEqual(before);

    await setTwoFactor(true);
    await physician.caller.prescription.sign(prescriptionInput(id));
    await setTwoFactor(false);
    await expectRefused(
      physician.caller.prescription.renew(prescriptionInput(id, { validFrom: inDays(1) })),
      "PRECONDITION_FAILED",
      TWO_FACTOR_REQUIRED_TO_SIGN,
    );
  });

  it("turning two-factor off again takes effect at once (read from the account, not the session)", async () => {
    const {
      referral: { id },
    } = await patient.caller.referral.create(referralInput(physician.user.id));
    await setTwoFactor(true);
    await setTwoFactor(false);
    await expectRefused(
      physician.caller.prescription.sign(prescriptionInput(id)),
      "PRECONDITION_FAILED",
      TWO_FACTOR_REQUIRED_TO_SIGN,
    );
  });
});
