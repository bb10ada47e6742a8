import { describe, expect, it } from "vitest";
import { DomainError } from "./errors";
import {
  allowedActions,
  assertReferralVersion,
  CLOSED_STATUS_TITLES,
  canTransition,
  inCare,
  isTerminalStatus,
  REFERRAL_ACTIONS,
  REFERRAL_STATUSES,
  type ReferralAction,
  type ReferralStatus,
  referralStatusSchema,
  STATUS_DESCRIPTIONS,
  STATUS_LABELS,
  TERMINAL_STATUSES,
  transition,
} from "./referral-state";

/**
 * The expected machine, written out by hand from DESIGN.md (not derived from REFERRAL_TRANSITIONS):
 * "status action actor" -> next status. Every combination not listed must be refused.
 */
const ALLOWED: Record<string, ReferralStatus> = {
  "requested requestInfo physician": "needs_info",
  "needs_info respond patient": "requested",
  "requested decline physician": "declined",
  "requested cancel patient": "cancelled",
  "needs_info cancel patient": "cancelled",
  "prescribed cancel patient": "cancelled",
  "awaiting_therapist cancel patient": "cancelled",
  "requested signPrescription physician": "prescribed",
  "prescribed chooseTherapist patient": "awaiting_therapist",
  "awaiting_therapist accept therapist": "planning",
  "awaiting_therapist turnDown therapist": "prescribed",
  "planning activatePlan system": "active",
  "active logSession therapist": "active",
  "active report patient": "active",
  "active report therapist": "active",
  "active renew physician": "active",
  "active complete physician": "completed",
  "active discontinue physician": "discontinued",
  "planning discontinue physician": "discontinued",
  "active withdraw patient": "discontinued",
  "planning withdraw patient": "discontinued",
  "active expire system": "expired",
  "requested postMessage patient": "requested",
  "requested postMessage physician": "requested",
  "requested postMessage therapist": "requested",
  "needs_info postMessage patient": "needs_info",
  "needs_info postMessage physician": "needs_info",
  "needs_info postMessage therapist": "needs_info",
  "prescribed postMessage patient": "prescribed",
  "prescribed postMessage physician": "prescribed",
  "prescribed postMessage therapist": "prescribed",
  "awaiting_therapist postMessage patient": "awaiting_therapist",
  "awaiting_therapist postMessage physician": "awaiting_therapist",
  "awaiting_therapist postMessage therapist": "awaiting_therapist",
  "planning postMessage patient": "planning",
  "planning postMessage physician": "planning",
  "planning postMessage therapist": "planning",
  "active postMessage patient": "active",
  "active postMessage physician": "active",
  "active postMessage therapist": "active",
  "active recordMissedVisit therapist": "active",
};

/** Which roles may ever take each action (a different role gets FORBIDDEN rather than a rule violation). */
const ACTORS: Record<ReferralAction, string[]> = {
  requestInfo: ["physician"],
  respond: ["patient"],
  decline: ["physician"],
  cancel: ["patient"],
  signPrescription: ["physician"],
  chooseTherapist: ["patient"],
  accept: ["therapist"],
  turnDown: ["therapist"],
  activatePlan: ["system"],
  logSession: ["therapist"],
  report: ["patient", "therapist"],
  renew: ["physician"],
  complete: ["physician"],
  discontinue: ["physician"],
  withdraw: ["patient"],
  expire: ["system"],
  postMessage: ["patient", "physician", "therapist"],
  recordMissedVisit: ["therapist"],
};

const ALL_ROLES = ["patient", "physician", "therapist", "system", "admin"] as const;

function thrown(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error("expected a DomainError");
}

describe("referral statuses", () => {
  it("lists eleven statuses, each with a label and a description", () => {
    expect(REFERRAL_STATUSES).toHaveLength(11);
    for (const s of REFERRAL_STATUSES) {
      expect(STATUS_LABELS[s]).toMatch(/^[A-Z]/);
      expect(STATUS_DESCRIPTIONS[s]).toMatch(/\.$/);
    }
    expect(STATUS_LABELS.needs_info).toBe("Needs information");
    expect(referralStatusSchema.safeParse("paused").success).toBe(false);
  });
  it("has exactly five terminal statuses", () => {
    expect([...TERMINAL_STATUSES].sort()).toEqual([
      "cancelled",
      "completed",
      "declined",
      "discontinued",
      "expired",
    ]);
    expect(REFERRAL_STATUSES.filter(isTerminalStatus).sort()).toEqual([...TERMINAL_STATUSES].sort());
  });
});

describe("transition: every status x every action x every actor", () => {
  const combos = REFERRAL_STATUSES.flatMap((s) =>
    REFERRAL_ACTIONS.flatMap((a) => ALL_ROLES.map((r) => [s, a, r] as const)),
  );
  it("covers 11 x 18 x 5 combinations", () => {
    expect(combos).toHaveLength(11 * 18 * 5);
  });
  it.each(combos)("%s --%s--> by %s", (status, action, role) => {
    const key = `${status} ${action} ${role}`;
    const expected = ALLOWED[key];
    if (expected) {
      expect(transition(status, action, role)).toBe(expected);
      expect(canTransition(status, action, role)).toBe(true);
      return;
    }
    expect(canTransition(status, action, role)).toBe(false);
    const err = thrown(() => transition(status, action, role));
    if (ACTORS[action].includes(role)) {
      expect(err.kind).toBe("rule");
      expect(err.rule).toBe(`referral.${action}_not_allowed_in_${status}`);
      expect(err.message).toContain(`"${STATUS_LABELS[status]}"`);
    } else {
      expect(err.kind).toBe("forbidden");
      expect(err.rule).toBe(`referral.${action}_wrong_role`);
    }
  });
  it("every allowed entry in the expected table is a real combination", () => {
    for (const key of Object.keys(ALLOWED)) {
      const [s, a, r] = key.split(" ");
      expect(REFERRAL_STATUSES).toContain(s);
      expect(REFERRAL_ACTIONS).toContain(a);
      expect(ALL_ROLES).toContain(r);
    }
  });
});

describe("transition messages", () => {
  it("names the status and the action in plain words", () => {
    const err = thrown(() => transition("completed", "logSession", "therapist"));
    expect(err.message).toBe(`You can't log a session while the referral is "Completed"`);
    expect(err.rule).toBe("referral.logSession_not_allowed_in_completed");
  });
  it("names the role that may act", () => {
    expect(thrown(() => transition("requested", "signPrescription", "patient")).message).toBe(
      "Only the physician can sign a prescription",
    );
    expect(thrown(() => transition("active", "postMessage", "admin")).message).toBe(
      "Only the patient, physician or therapist can post a message",
    );
    expect(thrown(() => transition("planning", "activatePlan", "physician")).message).toBe(
      "No one can put the plan of care into effect by hand: it happens automatically",
    );
  });
});

describe("allowedActions", () => {
  it("matches the expected table for every status and role", () => {
    for (const status of REFERRAL_STATUSES) {
      for (const role of ALL_ROLES) {
        const expected = REFERRAL_ACTIONS.filter((a) => ALLOWED[`${status} ${a} ${role}`] !== undefined);
        expect(allowedActions(status, role), `${status} ${role}`).toEqual(expected);
      }
    }
  });
  it("gives the buttons each portal shows", () => {
    expect(allowedActions("requested", "physician")).toEqual([
      "requestInfo",
      "decline",
      "signPrescription",
      "postMessage",
    ]);
    expect(allowedActions("active", "patient")).toEqual(["report", "withdraw", "postMessage"]);
    expect(allowedActions("active", "physician")).toEqual([
      "renew",
      "complete",
      "discontinue",
      "postMessage",
    ]);
    expect(allowedActions("awaiting_therapist", "therapist")).toEqual(["accept", "turnDown", "postMessage"]);
    for (const s of TERMINAL_STATUSES) {
      for (const role of ALL_ROLES) expect(allowedActions(s, role)).toEqual([]);
    }
  });
});

describe("assertReferralVersion", () => {
  it("passes when no version is given or it matches, refuses a stale one", () => {
    expect(() => assertReferralVersion(undefined, 4)).not.toThrow();
    expect(() => assertReferralVersion(4, 4)).not.toThrow();
    const err = thrown(() => assertReferralVersion(3, 4));
    expect(err.kind).toBe("conflict");
    expect(err.rule).toBe("referral.stale_version");
  });
});

describe("care statuses and closed titles", () => {
  it("the plan, sessions and progress exist once a therapist accepted", () => {
    expect(REFERRAL_STATUSES.filter(inCare)).toEqual([
      "planning",
      "active",
      "completed",
      "discontinued",
      "expired",
    ]);
  });
  it("only closed statuses have a title, and every closed care status has one for both clinicians", () => {
    for (const role of ["physician", "therapist"] as const) {
      for (const s of [
        "requested",
        "needs_info",
        "prescribed",
        "awaiting_therapist",
        "planning",
        "active",
      ] as const)
        expect(CLOSED_STATUS_TITLES[role][s]).toBeUndefined();
      for (const s of ["completed", "discontinued", "expired", "cancelled"] as const)
        expect(CLOSED_STATUS_TITLES[role][s]).toBeTruthy();
    }
    expect(CLOSED_STATUS_TITLES.physician.declined).toBe("You declined this referral");
  });
});
