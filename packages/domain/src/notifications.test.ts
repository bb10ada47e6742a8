import { describe, expect, it } from "vitest";
import {
  EVENT_NOTIFICATIONS,
  NOTIFICATION_KINDS,
  notificationMarkReadInputSchema,
  notificationRecipients,
  notificationSetPreferencesInputSchema,
  resolvePreferences,
} from "./notifications";
import { TIMELINE_EVENT_TYPES } from "./timeline";

const patientId = "00000000-0000-4000-8000-00000000000a";
const physicianId = "00000000-0000-4000-8000-00000000000b";
const therapistId = "00000000-0000-4000-8000-00000000000c";
const outsiderId = "00000000-0000-4000-8000-00000000000d";
const withTherapist = { patientId, physicianId, therapistId };
const withoutTherapist = { patientId, physicianId, therapistId: null };

describe("notificationRecipients: every event type x actor x therapist present or not", () => {
  const actors = [patientId, physicianId, therapistId, outsiderId, null];
  for (const type of TIMELINE_EVENT_TYPES) {
    for (const parties of [withTherapist, withoutTherapist]) {
      for (const actorId of actors) {
        it(`${type}, actor ${actorId?.slice(-1) ?? "system"}, therapist ${parties.therapistId ? "on" : "off"}`, () => {
          const out = notificationRecipients({ type, actorId }, parties);
          const partyIds = [patientId, physicianId, parties.therapistId].filter(Boolean);
          for (const r of out) {
            expect(r.userId).not.toBe(actorId);
            expect(partyIds).toContain(r.userId);
            expect(NOTIFICATION_KINDS).toContain(r.kind);
          }
          expect(new Set(out.map((r) => r.userId)).size).toBe(out.length);
          // Exactly the rule's parties, minus the actor and an absent therapist.
          const rule = EVENT_NOTIFICATIONS[type];
          const expected = (
            [
              ["patient", patientId],
              ["physician", physicianId],
              ["therapist", parties.therapistId],
            ] as const
          )
            .filter(([party, id]) => rule[party] && id && id !== actorId)
            .map(([party, id]) => ({ userId: id, kind: rule[party] }));
          expect(out).toEqual(expected);
        });
      }
    }
  }
});

describe("notificationRecipients: the rules people rely on", () => {
  it("a new request tells the physician only", () => {
    expect(
      notificationRecipients({ type: "referral_requested", actorId: patientId }, withoutTherapist),
    ).toEqual([{ userId: physicianId, kind: "referral_requested" }]);
  });
  it("the physician's answer tells the patient", () => {
    expect(
      notificationRecipients({ type: "info_requested", actorId: physicianId }, withoutTherapist),
    ).toEqual([{ userId: patientId, kind: "question_asked" }]);
  });
  it("choosing a therapist invites the therapist and tells the physician", () => {
    expect(notificationRecipients({ type: "therapist_chosen", actorId: patientId }, withTherapist)).toEqual([
      { userId: physicianId, kind: "therapist_chosen" },
      { userId: therapistId, kind: "therapist_invited" },
    ]);
  });
  it("a therapist hears nothing before being invited", () => {
    const out = notificationRecipients({ type: "message_posted", actorId: patientId }, withoutTherapist);
    expect(out.map((r) => r.userId)).toEqual([physicianId]);
  });
  it("a plan update asks the other clinician to approve, and tells the patient", () => {
    expect(notificationRecipients({ type: "plan_updated", actorId: therapistId }, withTherapist)).toEqual([
      { userId: patientId, kind: "plan_changed" },
      { userId: physicianId, kind: "plan_awaiting_approval" },
    ]);
  });
  it("a system expiry tells every party", () => {
    expect(notificationRecipients({ type: "referral_expired", actorId: null }, withTherapist)).toHaveLength(
      3,
    );
  });
  it("coverage and warnings notify nobody", () => {
    expect(notificationRecipients({ type: "coverage_recorded", actorId: patientId }, withTherapist)).toEqual(
      [],
    );
    expect(notificationRecipients({ type: "warning", actorId: therapistId }, withTherapist)).toEqual([]);
  });
  it("one person holding two parts is notified once", () => {
    const same = { patientId, physicianId: patientId, therapistId: null };
    expect(notificationRecipients({ type: "message_posted", actorId: outsiderId }, same)).toHaveLength(1);
  });
});

describe("preferences and inputs", () => {
  it("defaults every kind to email on; stored kinds switch it off", () => {
    const prefs = resolvePreferences(["message"]);
    expect(prefs.message.email).toBe(false);
    expect(prefs.referral_requested.email).toBe(true);
    expect(Object.keys(prefs)).toEqual([...NOTIFICATION_KINDS]);
  });
  it("markRead takes ids or all, never both or neither", () => {
    expect(notificationMarkReadInputSchema.safeParse({ all: true }).success).toBe(true);
    expect(notificationMarkReadInputSchema.safeParse({ ids: [patientId] }).success).toBe(true);
    expect(notificationMarkReadInputSchema.safeParse({}).success).toBe(false);
    expect(notificationMarkReadInputSchema.safeParse({ ids: ["x"] }).success).toBe(false);
    expect(notificationMarkReadInputSchema.safeParse({ all: false }).success).toBe(false);
  });
  it("setPreferences refuses unknown kinds", () => {
    expect(notificationSetPreferencesInputSchema.safeParse({ email: { message: false } }).success).toBe(true);
    expect(notificationSetPreferencesInputSchema.safeParse({ email: { nope: false } }).success).toBe(false);
  });
});
