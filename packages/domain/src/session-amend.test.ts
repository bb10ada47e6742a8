import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { DomainError } from "./errors";
import {
  MISSED_VISIT_OUTCOMES,
  makeMissedVisitSchema,
  missedVisitSchema,
  missedVisitsText,
  sessionAmendCheck,
  sessionAmendSchema,
  VISIT_OUTCOME_LABELS,
  VISIT_OUTCOMES,
} from "./session-log";

const ID = "6f1c2a7e-3b7d-4c1e-9a2b-1c3d4e5f6a7b";
const OTHER = "0b7e3c1a-9d2f-4e6b-8a1c-2d3e4f5a6b7c";

function issues(schema: z.ZodType, input: unknown): Record<string, string> {
  const r = schema.safeParse(input);
  if (r.success) return {};
  return Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("sessionAmendSchema", () => {
  const amend = { referralId: ID, sessionId: OTHER, note: "Pressure was firm, not medium.", reason: "Typo" };
  it("accepts an addendum with its reason", () => {
    expect(sessionAmendSchema.parse(amend)).toEqual(amend);
  });
  it("requires the addendum and the reason, bounded, naming each field", () => {
    const bad = issues(sessionAmendSchema, { ...amend, note: "  ", reason: "" });
    expect(Object.keys(bad).sort()).toEqual(["note", "reason"]);
    expect(Object.keys(issues(sessionAmendSchema, { ...amend, note: "x".repeat(4001) }))).toEqual(["note"]);
    expect(Object.keys(issues(sessionAmendSchema, { ...amend, reason: "x".repeat(501) }))).toEqual([
      "reason",
    ]);
    expect(Object.keys(issues(sessionAmendSchema, { ...amend, sessionId: "nope" }))).toEqual(["sessionId"]);
  });
});

describe("sessionAmendCheck", () => {
  it("the therapist who logged the session may amend it", () => {
    expect(() => sessionAmendCheck({ loggedBy: ID, by: ID })).not.toThrow();
  });
  it("anyone else is refused as FORBIDDEN, by rule", () => {
    try {
      sessionAmendCheck({ loggedBy: ID, by: OTHER });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).kind).toBe("forbidden");
      expect((e as DomainError).rule).toBe("session.amend_not_author");
    }
  });
});

describe("visit outcomes", () => {
  it("attended is the only outcome that is a session; each outcome has a label", () => {
    expect(VISIT_OUTCOMES).toEqual(["attended", ...MISSED_VISIT_OUTCOMES]);
    expect(MISSED_VISIT_OUTCOMES).not.toContain("attended");
    for (const o of VISIT_OUTCOMES) expect(VISIT_OUTCOME_LABELS[o]).toMatch(/\w/);
  });

  const missed = {
    referralId: ID,
    scheduledAt: "2026-02-03T14:00:00-05:00",
    outcome: "no_show",
    reason: "Did not answer the phone",
  };
  it("a missed visit needs a time, cancelled or no-show, and a reason", () => {
    expect(missedVisitSchema.parse(missed)).toEqual(missed);
    expect(issues(missedVisitSchema, { ...missed, outcome: "attended" })).toEqual({
      outcome: "Choose cancelled or no-show",
    });
    expect(Object.keys(issues(missedVisitSchema, { ...missed, reason: " " }))).toEqual(["reason"]);
    expect(Object.keys(issues(missedVisitSchema, { ...missed, scheduledAt: "2026-02-03" }))).toEqual([
      "scheduledAt",
    ]);
  });
  it("a no-show is recorded only after its time; a cancellation may be recorded ahead", () => {
    const schema = makeMissedVisitSchema({ now: new Date("2026-02-03T20:00:00Z") });
    expect(issues(schema, missed)).toEqual({});
    const later = { ...missed, scheduledAt: "2026-02-04T14:00:00-05:00" };
    expect(issues(schema, later)).toEqual({
      scheduledAt: "A no-show can be recorded only after the visit's time",
    });
    expect(issues(schema, { ...later, outcome: "cancelled" })).toEqual({});
    // Ten minutes of clock skew are allowed, as for sessions.
    expect(issues(schema, { ...missed, scheduledAt: "2026-02-03T20:09:00Z" })).toEqual({});
  });
});

describe("missedVisitsText", () => {
  it("says what did not take place, in plain words", () => {
    expect(missedVisitsText({ cancelled: 0, noShow: 0 })).toBe("None");
    expect(missedVisitsText({ cancelled: 1, noShow: 0 })).toBe("1 cancelled");
    expect(missedVisitsText({ cancelled: 0, noShow: 1 })).toBe("1 no-show");
    expect(missedVisitsText({ cancelled: 2, noShow: 3 })).toBe("2 cancelled, 3 no-shows");
  });
});
