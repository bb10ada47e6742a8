import { z } from "zod";
import { conflict, forbidden, ruleViolation } from "./errors";
import type { Role } from "./roles";

/**
 * The referral state machine (DESIGN.md) as data. The API consults `transition` for every state-changing call and
 * never re-implements these rules; the portals use `allowedActions` to decide which buttons to show.
 */
export const REFERRAL_STATUSES = [
  "requested",
  "needs_info",
  "declined",
  "cancelled",
  "prescribed",
  "awaiting_therapist",
  "planning",
  "active",
  "completed",
  "discontinued",
  "expired",
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
export const referralStatusSchema = z.enum(REFERRAL_STATUSES, { error: "Choose a listed referral status" });

/** Short, role-neutral labels for badges and filters. */
export const STATUS_LABELS: Record<ReferralStatus, string> = {
  requested: "Requested",
  needs_info: "Needs information",
  declined: "Declined",
  cancelled: "Cancelled",
  prescribed: "Prescribed",
  awaiting_therapist: "Waiting for therapist",
  planning: "Planning care",
  active: "In treatment",
  completed: "Completed",
  discontinued: "Discontinued",
  expired: "Expired",
};

/** Statuses in which the plan of care, sessions and progress exist (a therapist accepted). */
export const CARE_STATUSES = [
  "planning",
  "active",
  "completed",
  "discontinued",
  "expired",
] as const satisfies readonly ReferralStatus[];
export const inCare = (status: ReferralStatus): boolean =>
  (CARE_STATUSES as readonly ReferralStatus[]).includes(status);

/** The title of a closed referral's notice in the clinicians' portals (none while it is open). */
export const CLOSED_STATUS_TITLES: Record<
  "physician" | "therapist",
  Partial<Record<ReferralStatus, string>>
> = {
  physician: {
    declined: "You declined this referral",
    cancelled: "The patient cancelled this request",
    completed: "Treatment completed",
    discontinued: "Treatment discontinued",
    expired: "The prescription expired",
  },
  therapist: {
    completed: "Treatment completed",
    discontinued: "Treatment discontinued",
    expired: "The prescription expired",
    cancelled: "The patient cancelled this request",
  },
};

/** One plain sentence per status, for the patient-facing header of a referral. */
export const STATUS_DESCRIPTIONS: Record<ReferralStatus, string> = {
  requested: "The physician is reviewing the request.",
  needs_info: "The physician asked a question that needs an answer.",
  declined: "The physician decided massage therapy is not the right treatment.",
  cancelled: "The request was cancelled before treatment started.",
  prescribed: "A prescription is signed; the next step is choosing a therapist.",
  awaiting_therapist: "Waiting for the chosen therapist to accept.",
  planning: "The physician and therapist are agreeing on a plan of care.",
  active: "Treatment is under way.",
  completed: "Treatment is complete.",
  discontinued: "Treatment was stopped.",
  expired: "The prescription ran out without a renewal.",
};

export const TERMINAL_STATUSES = [
  "declined",
  "cancelled",
  "completed",
  "discontinued",
  "expired",
] as const satisfies readonly ReferralStatus[];

export function isTerminalStatus(status: ReferralStatus): boolean {
  return (TERMINAL_STATUSES as readonly ReferralStatus[]).includes(status);
}

export const REFERRAL_ACTIONS = [
  "requestInfo",
  "respond",
  "decline",
  "cancel",
  "signPrescription",
  "chooseTherapist",
  "accept",
  "turnDown",
  "activatePlan",
  "logSession",
  "report",
  "renew",
  "complete",
  "discontinue",
  "withdraw",
  "expire",
  "postMessage",
  "recordMissedVisit",
] as const;
export type ReferralAction = (typeof REFERRAL_ACTIONS)[number];

/** Who may act on a referral. `system` is the server itself (plan approvals complete, prescription expiry). */
export const REFERRAL_ACTORS = ["patient", "physician", "therapist", "system"] as const;
export type ReferralActor = (typeof REFERRAL_ACTORS)[number];

/** Verb phrases completing "You can't ..." / "Only the physician can ...". */
export const REFERRAL_ACTION_LABELS: Record<ReferralAction, string> = {
  requestInfo: "ask for more information",
  respond: "answer the physician's question",
  decline: "decline the referral",
  cancel: "cancel the referral",
  signPrescription: "sign a prescription",
  chooseTherapist: "choose a therapist",
  accept: "accept the referral",
  turnDown: "turn down the referral",
  activatePlan: "put the plan of care into effect",
  logSession: "log a session",
  report: "report progress",
  renew: "renew the prescription",
  complete: "complete the treatment",
  discontinue: "discontinue the treatment",
  withdraw: "withdraw from treatment",
  expire: "mark the prescription expired",
  postMessage: "post a message",
  recordMissedVisit: "record a cancelled or missed visit",
};

export type ReferralTransition = {
  readonly from: readonly ReferralStatus[];
  /** The status after the action; `same` means the action is recorded but the status does not change. */
  readonly to: ReferralStatus | "same";
  readonly actor: readonly ReferralActor[];
};

const OPEN_STATUSES = REFERRAL_STATUSES.filter((s) => !isTerminalStatus(s));

export const REFERRAL_TRANSITIONS: Readonly<Record<ReferralAction, ReferralTransition>> = {
  requestInfo: { from: ["requested"], to: "needs_info", actor: ["physician"] },
  respond: { from: ["needs_info"], to: "requested", actor: ["patient"] },
  decline: { from: ["requested"], to: "declined", actor: ["physician"] },
  // The patient may cancel any time before treatment starts (DOMAIN.md), i.e. until a therapist accepts.
  cancel: {
    from: ["requested", "needs_info", "prescribed", "awaiting_therapist"],
    to: "cancelled",
    actor: ["patient"],
  },
  signPrescription: { from: ["requested"], to: "prescribed", actor: ["physician"] },
  chooseTherapist: { from: ["prescribed"], to: "awaiting_therapist", actor: ["patient"] },
  accept: { from: ["awaiting_therapist"], to: "planning", actor: ["therapist"] },
  turnDown: { from: ["awaiting_therapist"], to: "prescribed", actor: ["therapist"] },
  activatePlan: { from: ["planning"], to: "active", actor: ["system"] },
  logSession: { from: ["active"], to: "same", actor: ["therapist"] },
  // Patients report how they feel; therapists send the physician a progress report.
  report: { from: ["active"], to: "same", actor: ["patient", "therapist"] },
  renew: { from: ["active"], to: "same", actor: ["physician"] },
  complete: { from: ["active"], to: "completed", actor: ["physician"] },
  discontinue: { from: ["active", "planning"], to: "discontinued", actor: ["physician"] },
  withdraw: { from: ["active", "planning"], to: "discontinued", actor: ["patient"] },
  expire: { from: ["active"], to: "expired", actor: ["system"] },
  postMessage: { from: OPEN_STATUSES, to: "same", actor: ["patient", "physician", "therapist"] },
  recordMissedVisit: { from: ["active"], to: "same", actor: ["therapist"] },
};

function joinOr(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

function roleAllowed(t: ReferralTransition, role: ReferralActor | Role): boolean {
  return (t.actor as readonly string[]).includes(role);
}

/**
 * The status after `action`, or a DomainError: `forbidden("referral.<action>_wrong_role")` when this role may never
 * take the action (checked first), `ruleViolation("referral.<action>_not_allowed_in_<status>")` when the role may,
 * but not in this status.
 */
export function transition(
  status: ReferralStatus,
  action: ReferralAction,
  actorRole: ReferralActor | Role,
): ReferralStatus {
  const t = REFERRAL_TRANSITIONS[action];
  const label = REFERRAL_ACTION_LABELS[action];
  if (!roleAllowed(t, actorRole)) {
    const message =
      t.actor.length === 1 && t.actor[0] === "system"
        ? `No one can ${label} by hand: it happens automatically`
        : `Only the ${joinOr(t.actor)} can ${label}`;
    throw forbidden(`referral.${action}_wrong_role`, message);
  }
  if (!t.from.includes(status)) {
    throw ruleViolation(
      `referral.${action}_not_allowed_in_${status}`,
      `You can't ${label} while the referral is "${STATUS_LABELS[status]}"`,
    );
  }
  return t.to === "same" ? status : t.to;
}

export function canTransition(
  status: ReferralStatus,
  action: ReferralAction,
  actorRole: ReferralActor | Role,
): boolean {
  const t = REFERRAL_TRANSITIONS[action];
  return roleAllowed(t, actorRole) && t.from.includes(status);
}

/** Actions this role may take in this status, in `REFERRAL_ACTIONS` order. */
export function allowedActions(status: ReferralStatus, actorRole: ReferralActor | Role): ReferralAction[] {
  return REFERRAL_ACTIONS.filter((a) => canTransition(status, a, actorRole));
}

/**
 * Stale-page check: when the caller says which version of the referral it was looking at and the row has moved on,
 * refuse with CONFLICT instead of acting on something the person did not see.
 */
export function assertReferralVersion(expectedVersion: number | undefined, currentVersion: number): void {
  if (expectedVersion !== undefined && expectedVersion !== currentVersion) {
    throw conflict(
      "referral.stale_version",
      "This referral was changed by someone else since you opened it. Reload to see the latest version.",
    );
  }
}
