import { z } from "zod";
import { seqCursorField } from "./fields";
import type { TimelineEventType } from "./timeline";

/**
 * What a notification says happened. A notification (and its email) carries only its kind and the referral's id:
 * never a condition, a note or a name, so an email or a lock-screen preview discloses nothing clinical.
 */
export const NOTIFICATION_KINDS = [
  "referral_requested",
  "question_asked",
  "question_answered",
  "referral_closed",
  "prescription_signed",
  "therapist_invited",
  "therapist_chosen",
  "therapist_accepted",
  "therapist_turned_down",
  "plan_changed",
  "plan_awaiting_approval",
  "session_logged",
  "progress_reported",
  "report_shared",
  "message",
  "session_amended",
  "visit_missed",
  // Raised by the scheduler rather than by a timeline event.
  "renewal_due",
  "prescription_expiring",
  "progress_report_due",
  "plan_approval_overdue",
  "appointment_booked",
  "appointment_changed",
  "appointment_cancelled",
  // Raised by the scheduler, 24 hours before.
  "appointment_reminder",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const notificationKindSchema = z.enum(NOTIFICATION_KINDS, { error: "Unknown notification kind" });

/** Short, health-data-free sentences: the in-app list and the email subject line use the same words. */
export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  referral_requested: "A patient asked you for a massage prescription.",
  question_asked: "Your physician asked you a question about your request.",
  question_answered: "Your patient answered your question.",
  referral_closed: "A referral you take part in was closed.",
  prescription_signed: "A massage prescription was signed.",
  therapist_invited: "A patient invited you to take on their referral.",
  therapist_chosen: "Your patient chose a massage therapist.",
  therapist_accepted: "The therapist accepted the referral.",
  therapist_turned_down: "The therapist turned down the referral.",
  plan_changed: "The plan of care changed.",
  plan_awaiting_approval: "A plan of care is waiting for your approval.",
  session_logged: "A massage session was logged.",
  progress_reported: "New progress was reported.",
  report_shared: "The therapist shared a progress report with you.",
  message: "There is a new message on a referral.",
  session_amended: "A session's note has an addendum.",
  visit_missed: "A massage visit did not take place.",
  renewal_due: "A prescription is due for renewal.",
  prescription_expiring: "A prescription expires within 7 days.",
  progress_report_due: "It is time to tell your care team how you are doing.",
  plan_approval_overdue: "A plan of care has been waiting for your approval for 2 days.",
  appointment_booked: "An appointment was booked.",
  appointment_changed: "An appointment changed.",
  appointment_cancelled: "An appointment was cancelled.",
  appointment_reminder: "You have an appointment in about 24 hours.",
};

/** Who is on a referral, as of just after the change (a therapist only while invited or accepted). */
export type ReferralParties = {
  patientId: string;
  physicianId: string;
  /** The invited or accepted therapist; null before one is chosen and after a turn-down. */
  therapistId: string | null;
};

export type NotificationEvent = {
  type: TimelineEventType;
  /** Who made the change; null for the system (expiry, scheduled jobs). Never notified about their own act. */
  actorId: string | null;
};

export type NotificationRecipient = { userId: string; kind: NotificationKind };

type Party = "patient" | "physician" | "therapist";
const ALL: Party[] = ["patient", "physician", "therapist"];
const CLINICIANS: Party[] = ["physician", "therapist"];

/** Per event type: which parties hear about it, and as what kind. Data, so the exhaustive test reads it whole. */
export const EVENT_NOTIFICATIONS: Record<TimelineEventType, Partial<Record<Party, NotificationKind>>> = {
  referral_requested: { physician: "referral_requested" },
  info_requested: { patient: "question_asked" },
  info_provided: { physician: "question_answered" },
  referral_declined: to(ALL, "referral_closed"),
  referral_cancelled: to(ALL, "referral_closed"),
  prescription_signed: { patient: "prescription_signed" },
  prescription_renewed: { patient: "prescription_signed", therapist: "prescription_signed" },
  // The patient's own administrative record: nobody needs to be told.
  coverage_recorded: {},
  therapist_chosen: { therapist: "therapist_invited", physician: "therapist_chosen" },
  therapist_accepted: { patient: "therapist_accepted", physician: "therapist_accepted" },
  therapist_turned_down: { patient: "therapist_turned_down", physician: "therapist_turned_down" },
  // A new plan version resets approvals: each clinician who did not write it must approve it.
  plan_updated: { ...to(CLINICIANS, "plan_awaiting_approval"), patient: "plan_changed" },
  plan_approved: to(ALL, "plan_changed"),
  plan_acknowledged: to(CLINICIANS, "plan_changed"),
  plan_in_effect: to(ALL, "plan_changed"),
  session_logged: { patient: "session_logged", physician: "session_logged" },
  progress_reported: to(CLINICIANS, "progress_reported"),
  progress_shared: { physician: "report_shared" },
  // A warning is written with its session's session_logged event, which already tells the physician.
  warning: {},
  referral_completed: to(ALL, "referral_closed"),
  referral_discontinued: to(ALL, "referral_closed"),
  referral_withdrawn: to(ALL, "referral_closed"),
  referral_expired: to(ALL, "referral_closed"),
  message_posted: to(ALL, "message"),
  // Documents show on the timeline and in their panels; no email of their own.
  letter_signed: {},
  file_uploaded: {},
  // Appointments concern the patient and the therapist; the physician reads the schedule on the record.
  appointment_booked: { patient: "appointment_booked", therapist: "appointment_booked" },
  appointment_confirmed: { patient: "appointment_changed" },
  appointment_declined: { patient: "appointment_changed" },
  appointment_rescheduled: { patient: "appointment_changed", therapist: "appointment_changed" },
  appointment_cancelled: { patient: "appointment_cancelled", therapist: "appointment_cancelled" },
  appointment_missed: { patient: "appointment_changed" },
  session_amended: { patient: "session_amended", physician: "session_amended" },
  visit_missed: { patient: "visit_missed", physician: "visit_missed" },
  private_message_posted: { patient: "message", physician: "message" },
};

function to(parties: Party[], kind: NotificationKind): Partial<Record<Party, NotificationKind>> {
  return Object.fromEntries(parties.map((p) => [p, kind]));
}

/**
 * The notifications one timeline event causes: only parties of the referral, never the actor, the therapist only
 * while one is on the referral, each person at most once.
 */
export function notificationRecipients(
  event: NotificationEvent,
  parties: ReferralParties,
): NotificationRecipient[] {
  const rule = EVENT_NOTIFICATIONS[event.type];
  const ids: Record<Party, string | null> = {
    patient: parties.patientId,
    physician: parties.physicianId,
    therapist: parties.therapistId,
  };
  const out: NotificationRecipient[] = [];
  for (const party of ALL) {
    const kind = rule[party];
    const userId = ids[party];
    if (!kind || !userId || userId === event.actorId) continue;
    if (out.some((r) => r.userId === userId)) continue;
    out.push({ userId, kind });
  }
  return out;
}

/** Email is per kind and opt-out; the in-app list always has every notification. */
export type NotificationPreferences = Record<NotificationKind, { email: boolean }>;

export const DEFAULT_NOTIFICATION_PREFERENCES: NotificationPreferences = Object.fromEntries(
  NOTIFICATION_KINDS.map((k) => [k, { email: true }]),
) as NotificationPreferences;

/** Stored overrides (kinds switched off) applied over the defaults. */
export function resolvePreferences(emailOff: readonly string[]): NotificationPreferences {
  const off = new Set(emailOff);
  return Object.fromEntries(
    NOTIFICATION_KINDS.map((k) => [k, { email: !off.has(k) }]),
  ) as NotificationPreferences;
}

export const notificationListInputSchema = z.object({
  cursor: z.string().max(200).optional(),
  unreadOnly: z.boolean().optional(),
});

export const notificationMarkReadInputSchema = z.union([
  z
    .object({
      ids: z
        .array(z.uuid({ error: "ids must be notification ids" }))
        .min(1)
        .max(200),
    })
    .strict(),
  z.object({ all: z.literal(true) }).strict(),
]);

export const notificationSetPreferencesInputSchema = z.object({
  email: z.partialRecord(notificationKindSchema, z.boolean()),
});

/** The caller's live notification stream; `lastEventId` (a notification seq) is sent back on reconnect. */
export const notificationOnEventSchema = z.object({
  lastEventId: seqCursorField("lastEventId").nullish(),
});
