import { z } from "zod";
import { idField, seqCursorField } from "./fields";
import type { ReferralAction } from "./referral-state";

/** Event types on a referral's append-only timeline, seen by all three parties. */
export const TIMELINE_EVENT_TYPES = [
  "referral_requested",
  "info_requested",
  "info_provided",
  "referral_declined",
  "referral_cancelled",
  "prescription_signed",
  "prescription_renewed",
  "coverage_recorded",
  "therapist_chosen",
  "therapist_accepted",
  "therapist_turned_down",
  "plan_updated",
  "plan_approved",
  "plan_acknowledged",
  "plan_in_effect",
  "session_logged",
  "progress_reported",
  "progress_shared",
  "warning",
  "referral_completed",
  "referral_discontinued",
  "referral_withdrawn",
  "referral_expired",
  "message_posted",
  "letter_signed",
  "file_uploaded",
  "appointment_booked",
  "appointment_confirmed",
  "appointment_declined",
  "appointment_rescheduled",
  "appointment_cancelled",
  "appointment_missed",
  "session_amended",
  "visit_missed",
  // Patient and physician only: never shown, sent or exported to the therapist.
  "private_message_posted",
] as const;
export type TimelineEventType = (typeof TIMELINE_EVENT_TYPES)[number];
export const timelineEventTypeSchema = z.enum(TIMELINE_EVENT_TYPES, { error: "Unknown timeline event type" });

/** Past-tense fragments that follow the actor's name ("Dr. Reyes signed a prescription"). */
export const TIMELINE_EVENT_LABELS: Record<TimelineEventType, string> = {
  referral_requested: "requested a referral",
  info_requested: "asked for more information",
  info_provided: "provided more information",
  referral_declined: "declined the referral",
  referral_cancelled: "cancelled the referral",
  prescription_signed: "signed a prescription",
  prescription_renewed: "renewed the prescription",
  coverage_recorded: "recorded insurance coverage",
  therapist_chosen: "chose a therapist",
  therapist_accepted: "accepted the referral",
  therapist_turned_down: "turned down the referral",
  plan_updated: "updated the plan of care",
  plan_approved: "approved the plan of care",
  plan_acknowledged: "acknowledged the plan of care",
  plan_in_effect: "put the plan of care into effect",
  session_logged: "logged a session",
  progress_shared: "sent the physician a progress report",
  progress_reported: "reported progress",
  warning: "raised a warning",
  referral_completed: "completed the treatment",
  referral_discontinued: "discontinued the treatment",
  referral_withdrawn: "withdrew from treatment",
  referral_expired: "marked the prescription expired",
  message_posted: "posted a message",
  letter_signed: "signed a letter of medical necessity",
  file_uploaded: "attached a file",
  appointment_booked: "booked an appointment",
  appointment_confirmed: "confirmed an appointment",
  appointment_declined: "declined an appointment request",
  appointment_rescheduled: "moved an appointment",
  appointment_cancelled: "cancelled an appointment",
  appointment_missed: "marked an appointment missed",
  session_amended: "added an addendum to a session",
  visit_missed: "recorded a visit that did not happen",
  private_message_posted: "posted a private message",
};

/** The timeline event each referral action writes in the same transaction as its state change. */
export const ACTION_EVENT_TYPES: Record<ReferralAction, TimelineEventType> = {
  requestInfo: "info_requested",
  respond: "info_provided",
  decline: "referral_declined",
  cancel: "referral_cancelled",
  signPrescription: "prescription_signed",
  chooseTherapist: "therapist_chosen",
  accept: "therapist_accepted",
  turnDown: "therapist_turned_down",
  activatePlan: "plan_in_effect",
  logSession: "session_logged",
  report: "progress_reported",
  renew: "prescription_renewed",
  complete: "referral_completed",
  discontinue: "referral_discontinued",
  withdraw: "referral_withdrawn",
  expire: "referral_expired",
  postMessage: "message_posted",
  recordMissedVisit: "visit_missed",
};

/** Live timeline subscription; `lastEventId` (a seq) is sent back by the SSE client when it reconnects. */
export const timelineOnEventSchema = z.object({
  referralId: idField("referralId"),
  lastEventId: seqCursorField("lastEventId").nullish(),
});

/** A referral page opened: remember the visit, answer the previous one (for "new since your last visit"). */
export const timelineVisitSchema = z.object({ referralId: idField("referralId") });
