import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { DomainError } from "./errors";
import {
  makeSessionLogSchema,
  PRESSURE_LABELS,
  PRESSURE_LEVELS,
  type SessionLimitInput,
  sessionLimitCheck,
  sessionLogSchema,
  sessionServices,
} from "./session-log";

const ID = "6f1c2a7e-3b7d-4c1e-9a2b-1c3d4e5f6a7b";

function issues(schema: z.ZodType, input: unknown): Record<string, string> {
  const r = schema.safeParse(input);
  if (r.success) return {};
  return Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
}

const log = {
  referralId: ID,
  occurredAt: "2026-02-03T14:00:00-05:00",
  minutes: 50,
  techniques: ["Myofascial release"],
  bodyRegions: ["lower_back"],
  pressure: "medium",
  subjective: "Pain 6/10 this morning, slept 5 hours.",
  objective: "Tight paraspinals L3-L5.",
  assessment: "",
  plan: "",
  painBefore: 6,
  painAfter: 3,
  cptCode: "97124",
};

describe("sessionLogSchema", () => {
  it("accepts a session; assessment, plan and objective may be empty", () => {
    expect(sessionLogSchema.parse(log)).toEqual(log);
    const { objective: _o, assessment: _a, plan: _p, ...bare } = log;
    expect(sessionLogSchema.parse(bare)).toMatchObject({ objective: "", assessment: "", plan: "" });
    expect(sessionLogSchema.safeParse({ ...log, occurredAt: "2026-02-03T19:00:00Z" }).success).toBe(true);
  });
  it("requires a date-time with an offset, not in the future", () => {
    expect(Object.keys(issues(sessionLogSchema, { ...log, occurredAt: "2026-02-03" }))).toEqual([
      "occurredAt",
    ]);
    expect(issues(sessionLogSchema, { ...log, occurredAt: "2026-02-03T14:00:00" }).occurredAt).toMatch(
      /^Session time must be a date and time/,
    );
    const schema = makeSessionLogSchema({ now: new Date("2026-02-03T19:00:00Z") });
    expect(issues(schema, { ...log, occurredAt: "2026-02-03T19:11:00Z" })).toEqual({
      occurredAt: "Session time cannot be in the future",
    });
    // Ten minutes of clock skew are allowed.
    expect(issues(schema, { ...log, occurredAt: "2026-02-03T19:10:00Z" })).toEqual({});
    // Without a clock only the shape and the sane range are checked (the API applies "not in the future").
    expect(issues(sessionLogSchema, { ...log, occurredAt: "2099-01-01T10:00:00Z" })).toEqual({});
    expect(issues(sessionLogSchema, { ...log, occurredAt: "2999-01-01T10:00:00Z" })).toEqual({
      occurredAt: "Use a date between 1900-01-01 and 2100-12-31",
    });
  });
  it("bounds minutes, pain and lists", () => {
    expect(sessionLogSchema.safeParse({ ...log, minutes: 1 }).success).toBe(true);
    expect(sessionLogSchema.safeParse({ ...log, minutes: 240 }).success).toBe(true);
    expect(issues(sessionLogSchema, { ...log, minutes: 0 })).toEqual({
      minutes: "Minutes must be between 1 and 240",
    });
    expect(issues(sessionLogSchema, { ...log, minutes: 241 })).toEqual({
      minutes: "Minutes must be between 1 and 240",
    });
    expect(issues(sessionLogSchema, { ...log, painAfter: 11 })).toEqual({
      painAfter: "Pain after must be between 0 and 10",
    });
    expect(issues(sessionLogSchema, { ...log, painBefore: -1 })).toEqual({
      painBefore: "Pain before must be between 0 and 10",
    });
    expect(issues(sessionLogSchema, { ...log, techniques: [] })).toEqual({
      techniques: "Add at least one technique",
    });
    expect(Object.keys(issues(sessionLogSchema, { ...log, techniques: Array(21).fill("x") }))).toEqual([
      "techniques",
    ]);
    expect(issues(sessionLogSchema, { ...log, bodyRegions: [] })).toEqual({
      bodyRegions: "Choose at least one body region",
    });
  });
  it("requires the subjective note, a pressure and a CPT code", () => {
    expect(issues(sessionLogSchema, { ...log, subjective: "" })).toEqual({
      subjective: "Subjective is required",
    });
    expect(issues(sessionLogSchema, { ...log, plan: "x".repeat(4001) })).toEqual({
      plan: "Plan must be at most 4000 characters",
    });
    expect(issues(sessionLogSchema, { ...log, pressure: "hard" })).toEqual({
      pressure: "Choose light, medium, firm or deep pressure",
    });
    expect(Object.keys(issues(sessionLogSchema, { ...log, cptCode: "97110" }))).toEqual(["cptCode"]);
    expect(PRESSURE_LEVELS.map((p) => PRESSURE_LABELS[p])).toEqual(["Light", "Medium", "Firm", "Deep"]);
  });
});

describe("several services in one visit", () => {
  it("accepts services with their minutes instead of one code, the old single code still works", () => {
    const { cptCode: _c, ...noCode } = log;
    const services = [
      { cptCode: "97124", minutes: 30 },
      { cptCode: "97140", minutes: 20 },
    ];
    expect(sessionLogSchema.safeParse({ ...noCode, services }).success).toBe(true);
    expect(sessionServices({ ...log, cptCode: "97124", minutes: 50 })).toEqual([
      { cptCode: "97124", minutes: 50 },
    ]);
    expect(sessionServices({ minutes: 50, services: services as never })).toEqual(services);
  });
  it("names what is wrong: no code, a code twice, minutes beyond the session", () => {
    const { cptCode: _c, ...noCode } = log;
    expect(issues(sessionLogSchema, noCode)).toEqual({ cptCode: "Choose a CPT code" });
    expect(
      issues(sessionLogSchema, {
        ...noCode,
        services: [
          { cptCode: "97124", minutes: 10 },
          { cptCode: "97124", minutes: 10 },
        ],
      }),
    ).toEqual({ services: "Each CPT code may be listed only once" });
    expect(
      issues(sessionLogSchema, {
        ...noCode,
        minutes: 40,
        services: [
          { cptCode: "97124", minutes: 30 },
          { cptCode: "97140", minutes: 20 },
        ],
      }),
    ).toEqual({ services: "The services' minutes (50) add up to more than the session's 40 minutes" });
    expect(issues(sessionLogSchema, { ...noCode, services: [{ cptCode: "99999", minutes: 10 }] })).toEqual({
      "services.0.cptCode": "Choose a CPT code: 97124 or 97140",
    });
    expect(issues(sessionLogSchema, { ...noCode, services: [{ cptCode: "97124", minutes: -30 }] })).toEqual({
      "services.0.minutes": "Service minutes must be between 1 and 240",
    });
  });
});

describe("sessionLimitCheck", () => {
  const ok: SessionLimitInput = {
    occurredAt: new Date("2026-03-01T15:00:00Z"),
    signedAt: new Date("2026-01-31T21:47:00Z"),
    sessionDate: "2026-03-01",
    validFrom: "2026-02-01",
    expiresOn: "2026-04-30",
    used: 5,
    authorized: 12,
    planInEffect: true,
  };
  const rule = (input: SessionLimitInput): string | null => {
    try {
      sessionLimitCheck(input);
      return null;
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).kind).toBe("rule");
      return (e as DomainError).rule;
    }
  };
  it("allows a session inside the window with sessions left, boundaries included", () => {
    expect(rule(ok)).toBeNull();
    expect(rule({ ...ok, sessionDate: "2026-02-01" })).toBeNull();
    expect(rule({ ...ok, sessionDate: "2026-04-30" })).toBeNull();
    expect(rule({ ...ok, used: 11 })).toBeNull();
  });
  it("refuses each rule by name", () => {
    expect(rule({ ...ok, planInEffect: false })).toBe("session.plan_not_in_effect");
    expect(rule({ ...ok, sessionDate: "2026-01-31" })).toBe("session.before_prescription_valid_from");
    expect(rule({ ...ok, sessionDate: "2026-05-01" })).toBe("session.after_prescription_expiry");
    expect(rule({ ...ok, used: 12 })).toBe("session.authorized_sessions_exhausted");
    expect(rule({ ...ok, used: 13 })).toBe("session.authorized_sessions_exhausted");
  });
  it("a session before the prescription's signed instant is refused, even on the same day", () => {
    // Signed at 21:47 on 1 February; a session at 08:00 that morning is before it.
    const signedAt = new Date("2026-02-01T21:47:00-05:00");
    expect(
      rule({ ...ok, signedAt, occurredAt: new Date("2026-02-01T08:00:00-05:00"), sessionDate: "2026-02-01" }),
    ).toBe("session.before_prescription_signed");
    expect(
      rule({ ...ok, signedAt, occurredAt: new Date("2026-02-01T21:47:00-05:00"), sessionDate: "2026-02-01" }),
    ).toBeNull();
  });
  it("checks the plan first, then dates, then the count", () => {
    expect(rule({ ...ok, planInEffect: false, sessionDate: "2026-05-01", used: 12 })).toBe(
      "session.plan_not_in_effect",
    );
    expect(rule({ ...ok, sessionDate: "2026-05-01", used: 12 })).toBe("session.after_prescription_expiry");
  });
  it("says why in plain words", () => {
    expect(() => sessionLimitCheck({ ...ok, used: 12 })).toThrow(
      "All 12 authorized sessions have been used; the physician must renew the prescription",
    );
    expect(() => sessionLimitCheck({ ...ok, sessionDate: "2026-05-02" })).toThrow(
      "The prescription expired on 2026-04-30; this session is dated 2026-05-02",
    );
  });
});
