import {
  appointment,
  availabilityWindow,
  message,
  missedVisit,
  planApproval,
  planGoal,
  referral,
  therapistProfile,
  therapySession,
  timelineEvent,
  user,
} from "@mm/db";
import {
  APPOINTMENT_LOCATIONS,
  APPOINTMENT_STATUSES,
  CREDENTIAL_KINDS,
  GOAL_DIRECTIONS,
  GOAL_MEASURES,
  MESSAGE_AUDIENCES,
  MISSED_VISIT_OUTCOMES,
  PRESSURE_LEVELS,
  REFERRAL_KINDS,
  REFERRAL_STATUSES,
  ROLES,
  SIGNUP_ROLES,
} from "@mm/domain";
import { describe, expect, it } from "vitest";

/**
 * The database's text enums and the domain's lists are one vocabulary. @mm/db may not import @mm/domain (it sits
 * below it), so the two are written twice and tied here: a value added on one side only fails this test.
 */
describe("database enums match the domain's lists", () => {
  it.each([
    ["referral.status", referral.status.enumValues, REFERRAL_STATUSES],
    ["referral.kind", referral.kind.enumValues, REFERRAL_KINDS],
    ["plan_goal.measure", planGoal.measure.enumValues, GOAL_MEASURES],
    ["plan_goal.direction", planGoal.direction.enumValues, GOAL_DIRECTIONS],
    ["plan_approval.role", planApproval.role.enumValues, SIGNUP_ROLES],
    ["therapy_session.pressure", therapySession.pressure.enumValues, PRESSURE_LEVELS],
    ["missed_visit.outcome", missedVisit.outcome.enumValues, MISSED_VISIT_OUTCOMES],
    ["therapist_profile.credential_kind", therapistProfile.credentialKind.enumValues, CREDENTIAL_KINDS],
    ["user.role", user.role.enumValues, ROLES],
    ["timeline_event.actor_role", timelineEvent.actorRole.enumValues, [...ROLES, "system"]],
    ["appointment.status", appointment.status.enumValues, APPOINTMENT_STATUSES],
    ["appointment.location", appointment.location.enumValues, APPOINTMENT_LOCATIONS],
    ["availability_window.location", availabilityWindow.location.enumValues, APPOINTMENT_LOCATIONS],
    ["message.audience", message.audience.enumValues, MESSAGE_AUDIENCES],
  ] as const)("%s", (_column, db, domain) => {
    expect([...db].sort()).toEqual([...domain].sort());
  });
});
