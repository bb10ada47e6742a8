import { describe, expect, it } from "vitest";
import { DomainError } from "./errors";
import {
  assertCanPostTo,
  inMessageAudience,
  MESSAGE_AUDIENCES,
  MESSAGE_EVENT_TYPES,
  messageAudienceSchema,
  therapistMayReadMessage,
} from "./messages";
import { EVENT_NOTIFICATIONS, notificationRecipients } from "./notifications";
import { messagePostSchema } from "./referral-request";
import { ROLES } from "./roles";

const ID = "6f1c2a7e-3b7d-4c1e-9a2b-1c3d4e5f6a7b";

describe("message audiences", () => {
  it("defaults to everyone, so clients that never sent an audience keep working", () => {
    expect(messagePostSchema.parse({ referralId: ID, body: "Hi" }).audience).toBe("everyone");
    expect(
      messagePostSchema.parse({ referralId: ID, body: "Hi", audience: "patient_physician" }).audience,
    ).toBe("patient_physician");
  });

  it("refuses an unknown audience, naming the field", () => {
    const r = messagePostSchema.safeParse({ referralId: ID, body: "Hi", audience: "therapist" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(["audience"]);
    expect(r.error?.issues[0]?.message).toBe("audience must be everyone or patient_physician");
    expect(messageAudienceSchema.safeParse("everyone").success).toBe(true);
  });

  it("the private thread is the patient's and the physician's only, for every role", () => {
    const expected: Record<string, Record<string, boolean>> = {
      patient: { everyone: true, patient_physician: true },
      physician: { everyone: true, patient_physician: true },
      therapist: { everyone: true, patient_physician: false },
      admin: { everyone: false, patient_physician: false },
    };
    for (const role of ROLES)
      for (const audience of MESSAGE_AUDIENCES) {
        expect(inMessageAudience(role, audience), `${role} in ${audience}`).toBe(expected[role]?.[audience]);
        if (expected[role]?.[audience]) expect(() => assertCanPostTo(role, audience)).not.toThrow();
        else expect(() => assertCanPostTo(role, audience)).toThrow(DomainError);
      }
    expect(() => assertCanPostTo("therapist", "patient_physician")).toThrow(
      expect.objectContaining({ kind: "invalid", rule: "audience" }),
    );
  });

  it("a private message has its own event type, and nobody but the patient and physician is notified of it", () => {
    expect(MESSAGE_EVENT_TYPES).toEqual({
      everyone: "message_posted",
      patient_physician: "private_message_posted",
    });
    expect(Object.keys(EVENT_NOTIFICATIONS.private_message_posted).sort()).toEqual(["patient", "physician"]);
    const parties = { patientId: "p", physicianId: "d", therapistId: "t" };
    expect(notificationRecipients({ type: "private_message_posted", actorId: "p" }, parties)).toEqual([
      { userId: "d", kind: "message" },
    ]);
    expect(notificationRecipients({ type: "private_message_posted", actorId: "d" }, parties)).toEqual([
      { userId: "p", kind: "message" },
    ]);
    expect(
      notificationRecipients({ type: "message_posted", actorId: "d" }, parties).map((r) => r.userId),
    ).toEqual(["p", "t"]);
  });
});

describe("therapistMayReadMessage", () => {
  const invitedAt = new Date("2026-03-10T12:00:00Z");
  const before = new Date("2026-03-09T12:00:00Z");
  const after = new Date("2026-03-11T12:00:00Z");
  it("never the private thread, invited or accepted", () => {
    for (const accepted of [false, true])
      for (const createdAt of [before, invitedAt, after])
        expect(
          therapistMayReadMessage({ invitedAt, accepted }, { audience: "patient_physician", createdAt }),
        ).toBe(false);
  });
  it("invited only: the shared messages from the invitation on, not the earlier conversation", () => {
    const standing = { invitedAt, accepted: false };
    expect(therapistMayReadMessage(standing, { audience: "everyone", createdAt: before })).toBe(false);
    expect(therapistMayReadMessage(standing, { audience: "everyone", createdAt: invitedAt })).toBe(true);
    expect(therapistMayReadMessage(standing, { audience: "everyone", createdAt: after })).toBe(true);
  });
  it("accepted: every shared message, the earlier ones too", () => {
    const standing = { invitedAt, accepted: true };
    expect(therapistMayReadMessage(standing, { audience: "everyone", createdAt: before })).toBe(true);
  });
});
