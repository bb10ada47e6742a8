import { z } from "zod";
import { invalidField } from "./errors";
import type { Role } from "./roles";
import type { TimelineEventType } from "./timeline";

/**
 * Who reads a message: everyone on the referral (the timeline all three portals show), or only the patient and
 * the physician (a private thread beside it: what the patient tells their doctor is not the therapist's to read).
 */
export const MESSAGE_AUDIENCES = ["everyone", "patient_physician"] as const;
export type MessageAudience = (typeof MESSAGE_AUDIENCES)[number];
export const messageAudienceSchema = z.enum(MESSAGE_AUDIENCES, {
  error: "audience must be everyone or patient_physician",
});

/** The timeline event a message writes: a private one has its own type, so every reader can leave it out. */
export const MESSAGE_EVENT_TYPES: Record<MessageAudience, TimelineEventType> = {
  everyone: "message_posted",
  patient_physician: "private_message_posted",
};

/** Who is in each audience. */
const AUDIENCE_ROLES: Record<MessageAudience, readonly Role[]> = {
  everyone: ["patient", "physician", "therapist"],
  patient_physician: ["patient", "physician"],
};

export const inMessageAudience = (role: Role, audience: MessageAudience): boolean =>
  AUDIENCE_ROLES[audience].includes(role);

/** Only someone in the audience may write to it (a therapist cannot post into the private thread). */
export function assertCanPostTo(role: Role, audience: MessageAudience): void {
  if (!inMessageAudience(role, audience))
    throw invalidField("audience", "Only the patient and the physician can write in their private thread");
}

/** Timeline events a therapist never reads (nor is notified of, nor gets in an export). */
export const PATIENT_PHYSICIAN_EVENT_TYPES = [
  "private_message_posted",
] as const satisfies TimelineEventType[];

/**
 * The conversation on the shared timeline. Minimum necessary: an invited therapist does not read what the patient
 * and physician said before the invitation; once they accept, they read the whole shared timeline.
 */
export const CONVERSATION_EVENT_TYPES = [
  "message_posted",
  "info_requested",
  "info_provided",
] as const satisfies TimelineEventType[];

/** A therapist's standing on a referral: when they were invited, and whether they accepted. */
export type TherapistStanding = { invitedAt: Date; accepted: boolean };

/**
 * Whether a therapist may read one message (the same rule the timeline applies to its events): never the private
 * thread; while only invited, nothing written before the invitation.
 */
export function therapistMayReadMessage(
  standing: TherapistStanding,
  m: { audience: MessageAudience; createdAt: Date },
): boolean {
  if (!inMessageAudience("therapist", m.audience)) return false;
  return standing.accepted || m.createdAt.getTime() >= standing.invitedAt.getTime();
}
