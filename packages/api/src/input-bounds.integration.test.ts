import { testDbTargets } from "@mm/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activeReferral } from "./testing/episode";
import {
  expectRefused,
  type Member,
  referralInput,
  ruleOf,
  therapistProfileInput,
} from "./testing/referral-fixtures";
import { createTestApi, SAMPLE, type TestApi } from "./testing/test-support";
import { planInput } from "./testing/treatment-fixtures";

/**
 * Each class of input that JSON and a loose schema accept but PostgreSQL refuses (and that used to answer 500)
 * is a BAD_REQUEST naming the field, through the real router.
 */
describe.each(testDbTargets())("input the database cannot store is a BAD_REQUEST on %s", (target) => {
  let api: TestApi;
  const p = {} as Record<"patient" | "physician" | "therapist", Member>;
  let referralId: string;

  beforeAll(async () => {
    api = await createTestApi(target);
    p.patient = await api.member(SAMPLE.patient("Bounds Patient"));
    p.physician = await api.member(SAMPLE.physician("Dr. Bounds"));
    p.therapist = await api.member(therapistProfileInput("Bounds Therapist"));
    ({ referralId } = await activeReferral(p));
  });
  afterAll(async () => api?.close());

  const badRequest = async (call: Promise<unknown>, field: string) => {
    const err = await expectRefused(call, "BAD_REQUEST");
    // Schema failures name the field in the message, later checks in the rule (both reach data.fieldErrors).
    expect(err.message.startsWith(`${field}: `) || ruleOf(err) === field, err.message).toBe(true);
  };

  it("a NUL character in a text field", async () => {
    await badRequest(p.patient.caller.message.post({ referralId, body: "hello\u0000world" }), "body");
    await badRequest(
      p.patient.caller.referral.create({ ...referralInput(p.physician.user.id), description: "\u0000" }),
      "description",
    );
    await badRequest(p.patient.caller.directory.physicians({ q: "a\u0000" }), "q");
  });

  it("a lone or reversed surrogate in text stored as JSON", async () => {
    await badRequest(
      p.patient.caller.profile.update({ ...SAMPLE.patient("Bounds Patient"), allergies: ["latex \uD800"] }),
      "allergies.0",
    );
    await badRequest(
      p.patient.caller.referral.create({
        ...referralInput(p.physician.user.id),
        medications: ["\uDE00\uD83D"],
      }),
      "medications.0",
    );
  });

  it("a number a real column cannot hold", async () => {
    const custom = { measure: "custom" as const, customName: "Steps", customUnit: "k", byDate: "2030-01-01" };
    await badRequest(
      p.therapist.caller.plan.update(
        planInput(referralId, 1, { goals: [{ ...custom, baseline: 1e39, target: 2 }] }),
      ),
      "goals.0.baseline",
    );
    await badRequest(
      p.patient.caller.progress.report({
        referralId,
        painNow: 3,
        eveningPain: 3,
        sleepHours: 5e-324,
        medicationDoses: 1,
        note: "",
      }),
      "sleepHours",
    );
    await badRequest(
      p.patient.caller.message.post({ referralId, body: "hi", expectedVersion: 2 ** 40 }),
      "expectedVersion",
    );
  });

  it("a malformed pagination cursor", async () => {
    const b64 = (s: string) => Buffer.from(s).toString("base64url");
    for (const cursor of [
      b64(`2026-01-01T00:00:00.000Z|${"-".repeat(36)}`),
      b64("0000-01-01T00:00:00.000Z|6f1c2a7e-3b7d-4c1e-9a2b-1c3d4e5f6a7b"),
      b64("+275760-09-13T00:00:00.000Z|6f1c2a7e-3b7d-4c1e-9a2b-1c3d4e5f6a7b"),
      "%%%",
    ])
      await badRequest(p.patient.caller.referral.list({ cursor }), "cursor");
    for (const cursor of ["1.5", "-1", "1e400", "99999999999999999999"])
      await badRequest(p.patient.caller.timeline.list({ referralId, cursor }), "cursor");
  });

  it("a year-0000 date", async () => {
    await badRequest(
      p.patient.caller.referral.create({ ...referralInput(p.physician.user.id), onsetDate: "0000-01-01" }),
      "onsetDate",
    );
    await badRequest(
      p.patient.caller.profile.update({ ...SAMPLE.patient("Bounds Patient"), dateOfBirth: "0000-06-01" }),
      "dateOfBirth",
    );
    await badRequest(
      p.therapist.caller.session.log({
        referralId,
        occurredAt: "0000-01-01T10:00:00Z",
        minutes: 30,
        techniques: ["Swedish"],
        bodyRegions: ["lower_back"],
        pressure: "firm",
        subjective: "ok",
        painBefore: 4,
        painAfter: 3,
        cptCode: "97124",
      }),
      "occurredAt",
    );
  });
});
