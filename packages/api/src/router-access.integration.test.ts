import { testDbTargets } from "@mm/db/testing";
import { ROLES, type Role } from "@mm/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callPath, type Episode, PROCEDURES, routerProcedurePaths } from "./procedure-catalog";
import { activeReferral } from "./testing/episode";
import { errorOf, type Member, therapistProfileInput } from "./testing/referral-fixtures";
import { createTestApi, SAMPLE, type TestApi } from "./testing/test-support";

const SIGNUP = ROLES.filter((r): r is Exclude<Role, "admin"> => r !== "admin");

describe("procedure catalog", () => {
  it("lists every procedure of the router, and nothing else", () => {
    expect(Object.keys(PROCEDURES).sort()).toEqual(routerProcedurePaths());
  });
});

describe.each(testDbTargets())("authorization generated from the router on %s", (target) => {
  let api: TestApi;
  let episode: Episode;
  const strangers = {} as Record<(typeof SIGNUP)[number], Member>;
  const parties = {} as Record<(typeof SIGNUP)[number], Member>;

  beforeAll(async () => {
    api = await createTestApi(target);
    parties.patient = await api.member(SAMPLE.patient("Access Patient"));
    parties.physician = await api.member(SAMPLE.physician("Dr. Access"));
    parties.therapist = await api.member(therapistProfileInput("Access Therapist"));
    strangers.patient = await api.member(SAMPLE.patient("Stranger Patient"));
    strangers.physician = await api.member(SAMPLE.physician("Dr. Stranger"));
    strangers.therapist = await api.member(therapistProfileInput("Stranger Therapist"));
    const ep = await activeReferral({
      patient: parties.patient,
      physician: parties.physician,
      therapist: parties.therapist,
    });
    episode = { ...ep, physicianId: parties.physician.user.id, therapistId: parties.therapist.user.id };
  });
  afterAll(async () => api?.close());

  const inputOf = (path: string) => {
    const e = PROCEDURES[path]!;
    return (e.scoped ?? e.input)?.(episode);
  };

  const isPublic = (path: string) => PROCEDURES[path]!.public === true;

  it.each(routerProcedurePaths().filter((p) => !isPublic(p)))(
    "%s: anonymous → UNAUTHORIZED",
    async (path) => {
      expect((await errorOf(callPath(api.anonymous, path, inputOf(path)))).code).toBe("UNAUTHORIZED");
    },
  );

  it.each(routerProcedurePaths().filter(isPublic))("%s: public, answers anonymous callers", async (path) => {
    await expect(callPath(api.anonymous, path, inputOf(path))).resolves.toBeDefined();
  });

  it.each(routerProcedurePaths())("%s: every role outside its audience → FORBIDDEN", async (path) => {
    for (const role of SIGNUP.filter((r) => !PROCEDURES[path]!.roles.includes(r))) {
      const err = await errorOf(callPath(parties[role].caller, path, inputOf(path)));
      expect(err.code, `${role} calling ${path}`).toBe("FORBIDDEN");
    }
  });

  it.each(routerProcedurePaths().filter((p) => PROCEDURES[p]!.scoped))(
    "%s: an allowed role not on the referral → NOT_FOUND",
    async (path) => {
      for (const role of PROCEDURES[path]!.roles) {
        const err = await errorOf(
          callPath(strangers[role as keyof typeof strangers].caller, path, inputOf(path)),
        );
        expect(err.code, `stranger ${role} calling ${path}`).toBe("NOT_FOUND");
      }
    },
  );
});
