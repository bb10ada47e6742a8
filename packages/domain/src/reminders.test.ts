import { describe, expect, it } from "vitest";
import { planApprovalState } from "./plan";
import {
  type ActiveReferralSnapshot,
  activeReferralReminders,
  PLAN_APPROVAL_REMINDER_MS,
  planApprovalReminders,
  prescriptionExpiringSoon,
} from "./reminders";

const NY = "America/New_York";
const at = (iso: string) => new Date(iso);

describe("prescriptionExpiringSoon: the last 7 days of validity in the patient's zone", () => {
  it.each([
    // expires 2026-12-20 (valid through its end in New York, UTC-5)
    ["2026-12-12T12:00:00Z", false], // 8 days before
    ["2026-12-13T04:59:00Z", false], // still the 12th in New York
    ["2026-12-13T05:00:00Z", true], // the 13th begins there: 7 days left
    ["2026-12-20T12:00:00Z", true], // the last day
    ["2026-12-21T04:59:59Z", true], // the last second of it there
    ["2026-12-21T05:00:00Z", false], // expired
  ])("at %s → %s", (now, expected) => {
    expect(prescriptionExpiringSoon("2026-12-20", at(now), NY)).toBe(expected);
  });
});

const base: ActiveReferralSnapshot = {
  referralId: "r1",
  patientId: "patient",
  physicianId: "physician",
  prescription: { id: "rx1", expiresOn: "2027-03-01", authorized: 12, used: 3 },
  timeZone: NY,
  lastPatientReport: { id: "rep1", on: "2026-12-01" },
  sessionsSincePatientReport: 1,
};
const now = at("2026-12-10T15:00:00Z");

describe("activeReferralReminders", () => {
  it("nothing is due in the middle of a treatment", () => {
    expect(activeReferralReminders(base, now)).toEqual([]);
  });

  it("expiring within 7 days: physician and patient, one occurrence per last day", () => {
    const r = { ...base, prescription: { ...base.prescription, expiresOn: "2026-12-15" } };
    expect(activeReferralReminders(r, now)).toEqual([
      {
        userId: "physician",
        kind: "prescription_expiring",
        occurrence: "prescription_expiring:r1:2026-12-15",
      },
      { userId: "patient", kind: "prescription_expiring", occurrence: "prescription_expiring:r1:2026-12-15" },
    ]);
  });

  it("renewal due with two or fewer sessions left: the physician only, once per prescription", () => {
    for (const used of [10, 11, 12]) {
      const r = { ...base, prescription: { ...base.prescription, used } };
      expect(activeReferralReminders(r, now)).toEqual([
        { userId: "physician", kind: "renewal_due", occurrence: "renewal_due:rx1" },
      ]);
    }
    expect(
      activeReferralReminders({ ...base, prescription: { ...base.prescription, used: 9 } }, now),
    ).toEqual([]);
  });

  it("no renewal reminder once the prescription has expired (the expiry check ends it)", () => {
    const r = { ...base, prescription: { ...base.prescription, used: 11, expiresOn: "2026-12-09" } };
    expect(activeReferralReminders(r, now)).toEqual([]);
  });

  it("progress report due for the patient after 6 sessions or 30 days, once per report interval", () => {
    expect(activeReferralReminders({ ...base, sessionsSincePatientReport: 6 }, now)).toEqual([
      { userId: "patient", kind: "progress_report_due", occurrence: "progress_report_due:r1:rep1" },
    ]);
    expect(activeReferralReminders({ ...base, sessionsSincePatientReport: 5 }, now)).toEqual([]);
    // 30 days in the patient's zone: 2026-11-10 → 2026-12-10.
    const old = { ...base, lastPatientReport: { id: "rep0", on: "2026-11-10" } };
    expect(activeReferralReminders(old, now).map((r) => r.occurrence)).toEqual([
      "progress_report_due:r1:rep0",
    ]);
    const recent = { ...base, lastPatientReport: { id: "rep0", on: "2026-11-11" } };
    expect(activeReferralReminders(recent, now)).toEqual([]);
    // No report yet: sessions only.
    const none = { ...base, lastPatientReport: null, sessionsSincePatientReport: 6 };
    expect(activeReferralReminders(none, now).map((r) => r.occurrence)).toEqual([
      "progress_report_due:r1:start",
    ]);
    expect(activeReferralReminders({ ...none, sessionsSincePatientReport: 0 }, now)).toEqual([]);
  });
});

describe("planApprovalReminders", () => {
  const waiting = (physician: boolean, therapist: boolean) =>
    planApprovalState({
      currentVersion: 2,
      physicianApprovedVersion: physician ? 2 : 1,
      therapistApprovedVersion: therapist ? 2 : 1,
      patientAcknowledgedVersion: 1,
    });
  const savedAt = at("2026-12-08T15:00:00Z");
  const plan = {
    referralId: "r1",
    physicianId: "physician",
    therapistId: "therapist",
    versionId: "v2",
    savedAt,
    approvals: waiting(false, true),
  };
  it("waits 2 days, then reminds only the clinicians who have not approved", () => {
    expect(planApprovalReminders(plan, new Date(savedAt.getTime() + PLAN_APPROVAL_REMINDER_MS - 1))).toEqual(
      [],
    );
    const later = new Date(savedAt.getTime() + PLAN_APPROVAL_REMINDER_MS);
    expect(planApprovalReminders(plan, later)).toEqual([
      { userId: "physician", kind: "plan_approval_overdue", occurrence: "plan_approval_overdue:v2" },
    ]);
    expect(
      planApprovalReminders({ ...plan, approvals: waiting(false, false) }, later).map((r) => r.userId),
    ).toEqual(["physician", "therapist"]);
    // The patient's acknowledgement is not an approval: nobody is reminded once both clinicians approved.
    expect(planApprovalReminders({ ...plan, approvals: waiting(true, true) }, later)).toEqual([]);
    expect(
      planApprovalReminders({ ...plan, therapistId: null, approvals: waiting(true, false) }, later),
    ).toEqual([]);
  });
});
