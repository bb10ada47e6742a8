import { testDbTargets } from "@mm/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, SAMPLE, type TestApi } from "./testing/test-support";

describe.each(testDbTargets())("system.info on %s", (target) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(target);
  });
  afterAll(async () => api?.close());

  it("tells anyone, signed in or not, the version and build, and nothing else", async () => {
    const anonymous = await api.anonymous.system.info();
    expect(Object.keys(anonymous).sort()).toEqual(["build", "version"]);
    expect(anonymous.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(anonymous.build.length).toBeGreaterThan(0);
    const patient = await api.member(SAMPLE.patient("Info Patient"));
    expect(await patient.caller.system.info()).toEqual(anonymous);
  });
});
