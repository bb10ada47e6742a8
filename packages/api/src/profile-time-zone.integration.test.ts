import { testDbTargets } from "@mm/db/testing";
import type { ProfileUpdateInput } from "@mm/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectRefused, therapistProfileInput } from "./testing/referral-fixtures";
import { createTestApi, SAMPLE, type TestApi } from "./testing/test-support";

/** Every user, clinicians too, has an IANA zone they can change in their profile; a made-up zone is refused. */
describe.each(testDbTargets())("time zone in every profile on %s", (target) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(target);
  });
  afterAll(async () => api?.close());

  const profiles: [string, () => ProfileUpdateInput][] = [
    ["patient", () => SAMPLE.patient("Zara Zone")],
    ["physician", () => SAMPLE.physician("Dr. Zone")],
    ["therapist", () => therapistProfileInput("Tom Zone")],
  ];

  it.each(profiles)(
    "a %s sets a zone, keeps it when the form leaves it out, and cannot save a fake one",
    async (_, of) => {
      const m = await api.member(of());
      await m.caller.profile.update({ ...of(), timeZone: "America/Los_Angeles" });
      expect((await m.caller.me.get()).user.timeZone).toBe("America/Los_Angeles");
      await m.caller.profile.update({ ...of(), timeZone: "Asia/Kolkata" });
      expect((await m.caller.me.get()).user.timeZone).toBe("Asia/Kolkata");
      await m.caller.profile.update(of());
      expect((await m.caller.me.get()).user.timeZone).toBe("Asia/Kolkata");
      for (const bad of ["Mars/Olympus", "+05:00", "EST5EDT-nope", ""]) {
        const err = await expectRefused(m.caller.profile.update({ ...of(), timeZone: bad }), "BAD_REQUEST");
        expect(err.message).toBe("timeZone: Choose a time zone such as America/New_York");
      }
      expect((await m.caller.me.get()).user.timeZone).toBe("Asia/Kolkata");
    },
  );
});
