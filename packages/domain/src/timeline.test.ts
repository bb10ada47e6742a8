import { describe, expect, it } from "vitest";
import { REFERRAL_ACTIONS } from "./referral-state";
import {
  ACTION_EVENT_TYPES,
  TIMELINE_EVENT_LABELS,
  TIMELINE_EVENT_TYPES,
  timelineEventTypeSchema,
} from "./timeline";

describe("timeline event types", () => {
  it("lists 35 unique types, each with a lower-case past-tense fragment", () => {
    expect(TIMELINE_EVENT_TYPES).toHaveLength(35);
    expect(new Set(TIMELINE_EVENT_TYPES).size).toBe(35);
    expect(Object.keys(TIMELINE_EVENT_LABELS).sort()).toEqual([...TIMELINE_EVENT_TYPES].sort());
    for (const t of TIMELINE_EVENT_TYPES) expect(TIMELINE_EVENT_LABELS[t]).toMatch(/^[a-z][a-z ]+[a-z]$/);
    expect(TIMELINE_EVENT_LABELS.referral_requested).toBe("requested a referral");
    expect(TIMELINE_EVENT_LABELS.prescription_signed).toBe("signed a prescription");
  });
  it("validates event types", () => {
    expect(timelineEventTypeSchema.parse("session_logged")).toBe("session_logged");
    expect(timelineEventTypeSchema.safeParse("session_deleted").error?.issues[0]?.message).toBe(
      "Unknown timeline event type",
    );
  });
  it("maps every referral action to its own event type", () => {
    expect(Object.keys(ACTION_EVENT_TYPES).sort()).toEqual([...REFERRAL_ACTIONS].sort());
    const types = Object.values(ACTION_EVENT_TYPES);
    expect(new Set(types).size).toBe(types.length);
    for (const t of types) expect(TIMELINE_EVENT_TYPES).toContain(t);
    expect(ACTION_EVENT_TYPES.signPrescription).toBe("prescription_signed");
    expect(ACTION_EVENT_TYPES.activatePlan).toBe("plan_in_effect");
  });
});
