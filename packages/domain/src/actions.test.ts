import { describe, expect, it } from "vitest";
import {
  ACTION_KINDS,
  ACTION_LABELS,
  actionsFor,
  type ReferralActionFacts,
  referralActions,
} from "./actions";
import { REFERRAL_STATUSES } from "./referral-state";
import { SIGNUP_ROLES } from "./roles";

const NOW = new Date("2026-03-10T15:00:00Z");
const ZONE = "America/New_York";
const NO_PLAN = {
  currentVersion: 0,
  physicianApprovedVersion: null,
  therapistApprovedVersion: null,
  patientAcknowledgedVersion: null,
};

const facts = (over: Partial<ReferralActionFacts> = {}): ReferralActionFacts => ({
  referralId: "r1",
  status: "active",
  timeZone: ZONE,
  plan: NO_PLAN,
  invitationPending: false,
  prescription: null,
  lastReportSharedAt: null,
  lastVisitAt: null,
  lastPatientReportAt: null,
  sessionsLogged: 0,
  ...over,
});
const rx = (over: Partial<NonNullable<ReferralActionFacts["prescription"]>> = {}) => ({
  validFrom: "2026-03-01",
  expiresOn: "2026-05-01",
  sessionsPerWeek: 1,
  authorized: 8,
  used: 2,
  ...over,
});

describe("referralActions", () => {
  it("every role's kinds are labelled, and nothing is asked on a quiet referral in any status", () => {
    for (const role of SIGNUP_ROLES)
      for (const k of ACTION_KINDS[role]) expect(ACTION_LABELS[k]).toBeTruthy();
    for (const role of SIGNUP_ROLES)
      for (const status of REFERRAL_STATUSES) {
        const out = referralActions(role, facts({ status }), NOW);
        const expected =
          role === "physician" && status === "requested"
            ? ["review_request"]
            : role === "patient" && status === "needs_info"
              ? ["answer_question"]
              : [];
        expect(out, `${role} ${status}`).toEqual(expected);
      }
  });

  it("a therapist answers an invitation only while invited and waiting", () => {
    expect(
      referralActions("therapist", facts({ status: "awaiting_therapist", invitationPending: true }), NOW),
    ).toEqual(["answer_invitation"]);
    expect(referralActions("therapist", facts({ status: "awaiting_therapist" }), NOW)).toEqual([]);
    expect(referralActions("therapist", facts({ status: "planning", invitationPending: true }), NOW)).toEqual(
      [],
    );
  });

  it("plans: each clinician approves the current version; the patient acknowledges once both did", () => {
    const written = {
      ...NO_PLAN,
      currentVersion: 2,
      therapistApprovedVersion: 2,
      physicianApprovedVersion: 1,
    };
    const f = facts({ status: "planning", plan: written });
    expect(referralActions("physician", f, NOW)).toEqual(["approve_plan"]);
    expect(referralActions("therapist", f, NOW)).toEqual([]);
    expect(referralActions("patient", f, NOW)).toEqual([]);
    const agreed = facts({ status: "planning", plan: { ...written, physicianApprovedVersion: 2 } });
    expect(referralActions("physician", agreed, NOW)).toEqual([]);
    expect(referralActions("patient", agreed, NOW)).toEqual(["acknowledge_plan"]);
    const done = facts({ status: "active", plan: { ...agreed.plan, patientAcknowledgedVersion: 2 } });
    expect(referralActions("patient", done, NOW)).toEqual([]);
    // A closed referral's plan asks nothing.
    expect(referralActions("physician", facts({ status: "completed", plan: written }), NOW)).toEqual([]);
  });

  it("a shared report is to read until the physician visits the referral after it", () => {
    const shared = new Date("2026-03-09T12:00:00Z");
    const f = (lastVisitAt: Date | null) => facts({ lastReportSharedAt: shared, lastVisitAt });
    expect(referralActions("physician", f(null), NOW)).toEqual(["read_report"]);
    expect(referralActions("physician", f(new Date("2026-03-08T12:00:00Z")), NOW)).toEqual(["read_report"]);
    expect(referralActions("physician", f(new Date("2026-03-09T13:00:00Z")), NOW)).toEqual([]);
    expect(referralActions("therapist", f(null), NOW)).toEqual([]);
  });

  it("renewal is due within 7 days of expiry (in the patient's zone) or with 2 sessions left", () => {
    const due = (p: ReturnType<typeof rx>, status: ReferralActionFacts["status"] = "active") =>
      referralActions("physician", facts({ status, prescription: p }), NOW).includes("renewal_due");
    expect(due(rx())).toBe(false);
    expect(due(rx({ expiresOn: "2026-03-17" }))).toBe(true);
    expect(due(rx({ expiresOn: "2026-03-18" }))).toBe(false);
    expect(due(rx({ used: 6 }))).toBe(true);
    expect(due(rx({ used: 5 }))).toBe(false);
    expect(due(rx({ used: 6 }), "planning")).toBe(false);
    // 01:00 UTC on the 11th is still the 10th in New York: 7 days left to the 17th, due.
    expect(
      referralActions(
        "physician",
        facts({ prescription: rx({ expiresOn: "2026-03-17" }) }),
        new Date("2026-03-11T01:00:00Z"),
      ),
    ).toContain("renewal_due");
  });

  it("a therapist has sessions to log when fewer are logged than planned to date", () => {
    // Valid from 1 March, once a week: on 10 March the second week has begun, so 2 are planned.
    const log = (used: number, status: ReferralActionFacts["status"] = "active") =>
      referralActions("therapist", facts({ status, prescription: rx({ used }) }), NOW);
    expect(log(1)).toEqual(["log_session"]);
    expect(log(2)).toEqual([]);
    expect(log(1, "planning")).toEqual([]);
  });

  it("a patient in treatment reports after the first session, then every 7 days", () => {
    const report = (lastPatientReportAt: Date | null, sessionsLogged = 1) =>
      referralActions("patient", facts({ lastPatientReportAt, sessionsLogged }), NOW);
    expect(report(null, 0)).toEqual([]);
    expect(report(null)).toEqual(["report_progress"]);
    expect(report(new Date("2026-03-04T15:00:00Z"))).toEqual([]);
    expect(report(new Date("2026-03-03T15:00:00Z"))).toEqual(["report_progress"]);
  });
});

describe("actionsFor", () => {
  it("groups by kind in the role's order across referrals", () => {
    const out = actionsFor(
      "physician",
      [
        facts({ referralId: "a", prescription: rx({ used: 7 }) }),
        facts({ referralId: "b", status: "requested" }),
        facts({ referralId: "c", status: "requested" }),
      ],
      NOW,
    );
    expect(out).toEqual([
      { kind: "review_request", referralId: "b" },
      { kind: "review_request", referralId: "c" },
      { kind: "renewal_due", referralId: "a" },
    ]);
    expect(actionsFor("patient", [], NOW)).toEqual([]);
  });
});
