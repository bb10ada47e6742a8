import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  coverageForReader,
  coverageUpsertSchema,
  isMaskedMemberId,
  makeCoverageUpsertSchema,
  maskMemberId,
  VISIT_LIMIT_WARNING_LABELS,
  visitLimitWarning,
  visitsRemaining,
} from "./coverage";

function issues(schema: z.ZodType, input: unknown): Record<string, string> {
  const r = schema.safeParse(input);
  if (r.success) return {};
  return Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
}

const valid = {
  payerName: "Aetna",
  planName: "Choice POS II",
  memberId: "W123456789",
  groupNumber: "0012345",
  massageCovered: true,
  amountPerSessionCents: 6000,
  visitsPerYear: 20,
  priorAuthRequired: false,
  requiresLicense: true,
  requiresNpi: true,
  requiresInNetwork: false,
  callDate: "2026-01-20",
  callReference: "REF-889123",
  notes: "Agent said 20 visits combined with chiropractic.",
};

describe("coverageUpsertSchema", () => {
  it("accepts a full record and one with everything unknown", () => {
    expect(coverageUpsertSchema.parse(valid)).toEqual(valid);
    const minimal = {
      payerName: " Aetna ",
      memberId: "W1",
      massageCovered: null,
      amountPerSessionCents: null,
      visitsPerYear: null,
      priorAuthRequired: null,
      requiresLicense: false,
      requiresNpi: false,
      requiresInNetwork: false,
      callDate: null,
    };
    expect(coverageUpsertSchema.parse(minimal)).toEqual({ ...minimal, payerName: "Aetna" });
    // Optional texts may come back from the database as null.
    expect(coverageUpsertSchema.safeParse({ ...minimal, planName: null, notes: null }).success).toBe(true);
  });
  it("requires payer and member id", () => {
    expect(issues(coverageUpsertSchema, { ...valid, payerName: "" })).toEqual({
      payerName: "Insurer name is required",
    });
    expect(issues(coverageUpsertSchema, { ...valid, payerName: "x".repeat(121) })).toEqual({
      payerName: "Insurer name must be at most 120 characters",
    });
    expect(issues(coverageUpsertSchema, { ...valid, memberId: "x".repeat(61) })).toEqual({
      memberId: "Member ID must be at most 60 characters",
    });
  });
  it("yes/no/unknown answers must be given explicitly (null = unknown)", () => {
    const { massageCovered: _m, ...missing } = valid;
    expect(Object.keys(issues(coverageUpsertSchema, missing))).toEqual(["massageCovered"]);
    expect(Object.keys(issues(coverageUpsertSchema, { ...valid, priorAuthRequired: "maybe" }))).toEqual([
      "priorAuthRequired",
    ]);
    expect(Object.keys(issues(coverageUpsertSchema, { ...valid, requiresNpi: null }))).toEqual([
      "requiresNpi",
    ]);
  });
  it("bounds amount and visits", () => {
    expect(coverageUpsertSchema.safeParse({ ...valid, amountPerSessionCents: 0 }).success).toBe(true);
    expect(coverageUpsertSchema.safeParse({ ...valid, amountPerSessionCents: 1_000_000 }).success).toBe(true);
    expect(issues(coverageUpsertSchema, { ...valid, amountPerSessionCents: 1_000_001 })).toEqual({
      amountPerSessionCents: "Amount per session must be at most $10,000",
    });
    expect(issues(coverageUpsertSchema, { ...valid, amountPerSessionCents: -1 })).toEqual({
      amountPerSessionCents: "Amount per session cannot be negative",
    });
    expect(issues(coverageUpsertSchema, { ...valid, amountPerSessionCents: 59.5 })).toEqual({
      amountPerSessionCents: "Amount per session must be in whole cents",
    });
    expect(coverageUpsertSchema.safeParse({ ...valid, visitsPerYear: 0 }).success).toBe(true);
    expect(coverageUpsertSchema.safeParse({ ...valid, visitsPerYear: 365 }).success).toBe(true);
    expect(issues(coverageUpsertSchema, { ...valid, visitsPerYear: 366 })).toEqual({
      visitsPerYear: "Visits per year must be between 0 and 365",
    });
  });
  it("refuses a call date after the given now (one day of zone leeway, exact with a zone) and long texts", () => {
    const now = new Date("2026-05-10T12:00:00Z");
    const schema = makeCoverageUpsertSchema({ now });
    expect(issues(schema, { ...valid, callDate: "2026-05-12" })).toEqual({
      callDate: "Call date cannot be in the future",
    });
    expect(issues(schema, { ...valid, callDate: "2026-05-11" })).toEqual({});
    expect(
      issues(makeCoverageUpsertSchema({ now, timeZone: "America/New_York" }), {
        ...valid,
        callDate: "2026-05-11",
      }),
    ).toEqual({
      callDate: "Call date cannot be in the future",
    });
    // The static schema checks the format only: the API applies the clock rule with its injected clock.
    expect(issues(coverageUpsertSchema, { ...valid, callDate: "2099-01-01" })).toEqual({});
    expect(issues(coverageUpsertSchema, { ...valid, callReference: "x".repeat(61) })).toEqual({
      callReference: "Call reference must be at most 60 characters",
    });
    expect(issues(coverageUpsertSchema, { ...valid, notes: "x".repeat(4001) })).toEqual({
      notes: "Notes must be at most 4000 characters",
    });
  });
});

describe("visit limits", () => {
  it("visitsRemaining is null when unknown and never negative", () => {
    expect(visitsRemaining(null, 5)).toBeNull();
    expect(visitsRemaining(20, 0)).toBe(20);
    expect(visitsRemaining(20, 18)).toBe(2);
    expect(visitsRemaining(20, 25)).toBe(0);
  });
  it.each([
    [null, 100, "none"],
    [20, 0, "none"],
    [20, 17, "none"],
    [20, 18, "near"],
    [20, 19, "near"],
    [20, 20, "reached"],
    [20, 21, "reached"],
    [0, 0, "reached"],
    [2, 0, "near"],
  ] as const)("visitsPerYear %s, used %i -> %s", (perYear, used, expected) => {
    expect(visitLimitWarning(perYear, used)).toBe(expected);
  });
  it("has labels for the warnings", () => {
    expect(VISIT_LIMIT_WARNING_LABELS.reached).toMatch(/used all/);
  });
});

describe("maskMemberId", () => {
  it("shows only the last four characters", () => {
    expect(maskMemberId("W123456789")).toBe("••••••6789");
    expect(maskMemberId("12345")).toBe("•2345");
  });
  it("a masked id is recognisable as such, a recorded one is not", () => {
    expect(isMaskedMemberId(maskMemberId("W123456789"))).toBe(true);
    expect(isMaskedMemberId(maskMemberId("1234"))).toBe(true);
    expect(isMaskedMemberId("W123456789")).toBe(false);
  });
  it("masks a short id whole, so it is never shown in full", () => {
    expect(maskMemberId("1234")).toBe("••••");
    expect(maskMemberId("")).toBe("");
  });
});

describe("coverageForReader", () => {
  const c = {
    payerName: "Blue",
    memberId: "W123456789",
    callReference: "REF-7781",
    notes: "Said yes on the phone",
  };
  it("an invited therapist: member id masked, no call reference, no call notes; the rest as recorded", () => {
    expect(coverageForReader(c, { invitedOnly: true })).toEqual({
      payerName: "Blue",
      memberId: "••••••6789",
      callReference: null,
      notes: null,
    });
  });
  it("everyone else (and the therapist once accepted) reads it whole", () => {
    expect(coverageForReader(c, { invitedOnly: false })).toBe(c);
  });
});
