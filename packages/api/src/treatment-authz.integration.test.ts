import { testDbTargets } from "@mm/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activeReferral, type Parties } from "./testing/episode";
import {
  errorOf,
  expectRefused,
  inDays,
  type Member,
  prescriptionInput,
  referralInput,
  therapistProfileInput,
} from "./testing/referral-fixtures";
import { type Caller, createTestApi, SAMPLE, type TestApi } from "./testing/test-support";
import { planInput, STALE, sessionInput, treatmentSnapshot } from "./testing/treatment-fixtures";

/**
 * Authorization matrix over every plan-of-care, session, progress and outcome procedure, on an active referral:
 * anonymous -> UNAUTHORIZED; a role that may never call it -> FORBIDDEN (even a party on the referral); a user of an
 * admitted role who is not on the referral -> NOT_FOUND; none of these leaves a trace. The party on the referral gets
 * through: reads succeed, writes are sent with a deliberately stale version and get CONFLICT, which proves access was
 * granted without changing anything.
 */
type Role = "patient" | "physician" | "therapist";
const ROLES: Role[] = ["patient", "physician", "therapist"];

type Fixture = { referralId: string };

type Row = {
  procedure: string;
  /** Roles the procedure admits at all. */
  roles: Role[];
  /** What the party on the referral gets (writes: CONFLICT on a stale version, with this rule). */
  own: "ok" | { conflict: "plan.stale_version" | "referral.stale_version" };
  call: (c: Caller, fx: Fixture) => Promise<unknown>;
};

const MATRIX: Row[] = [
  {
    procedure: "plan.get",
    roles: ROLES,
    own: "ok",
    call: (c, fx) => c.plan.get({ referralId: fx.referralId }),
  },
  {
    procedure: "plan.update",
    roles: ["physician", "therapist"],
    own: { conflict: "plan.stale_version" },
    call: (c, fx) => c.plan.update(planInput(fx.referralId, STALE)),
  },
  {
    procedure: "plan.approve",
    roles: ["physician", "therapist"],
    own: { conflict: "plan.stale_version" },
    call: (c, fx) => c.plan.approve({ referralId: fx.referralId, version: STALE }),
  },
  {
    procedure: "plan.acknowledge",
    roles: ["patient"],
    own: { conflict: "plan.stale_version" },
    call: (c, fx) => c.plan.acknowledge({ referralId: fx.referralId, version: STALE }),
  },
  {
    procedure: "session.log",
    roles: ["therapist"],
    own: { conflict: "referral.stale_version" },
    call: (c, fx) => c.session.log(sessionInput(fx.referralId, { expectedVersion: STALE })),
  },
  {
    procedure: "session.list",
    roles: ROLES,
    own: "ok",
    call: (c, fx) => c.session.list({ referralId: fx.referralId }),
  },
  {
    procedure: "progress.report",
    roles: ["patient"],
    own: { conflict: "referral.stale_version" },
    call: (c, fx) =>
      c.progress.report({
        referralId: fx.referralId,
        painNow: 4,
        eveningPain: 5,
        sleepHours: 6,
        medicationDoses: 2,
        expectedVersion: STALE,
      }),
  },
  {
    procedure: "progress.share",
    roles: ["therapist"],
    own: { conflict: "referral.stale_version" },
    call: (c, fx) =>
      c.progress.share({ referralId: fx.referralId, note: "Progress is steady.", expectedVersion: STALE }),
  },
  {
    procedure: "progress.series",
    roles: ROLES,
    own: "ok",
    call: (c, fx) => c.progress.series({ referralId: fx.referralId }),
  },
  {
    procedure: "progress.summary",
    roles: ROLES,
    own: "ok",
    call: (c, fx) => c.progress.summary({ referralId: fx.referralId }),
  },
  {
    procedure: "prescription.renew",
    roles: ["physician"],
    own: { conflict: "referral.stale_version" },
    call: (c, fx) =>
      c.prescription.renew(
        prescriptionInput(fx.referralId, { expiresOn: inDays(120), expectedVersion: STALE }),
      ),
  },
  {
    procedure: "referral.complete",
    roles: ["physician"],
    own: { conflict: "referral.stale_version" },
    call: (c, fx) => c.referral.complete({ referralId: fx.referralId, expectedVersion: STALE }),
  },
  {
    procedure: "referral.discontinue",
    roles: ["physician"],
    own: { conflict: "referral.stale_version" },
    call: (c, fx) =>
      c.referral.discontinue({ referralId: fx.referralId, reason: "No progress.", expectedVersion: STALE }),
  },
  {
    procedure: "referral.withdraw",
    roles: ["patient"],
    own: { conflict: "referral.stale_version" },
    call: (c, fx) =>
      c.referral.withdraw({ referralId: fx.referralId, reason: "Moving away.", expectedVersion: STALE }),
  },
];

describe.each(testDbTargets())("treatment authorization matrix on %s", (target) => {
  let api: TestApi;
  const fx = {} as Fixture;
  /** The three parties of the active referral. */
  const party = {} as Parties;
  /** Same-role users who are not on it (with an active referral of their own). */
  const outsider = {} as Record<Role, Member>;
  /** A therapist the patient invited first, who turned the referral down. */
  let turnedDown: Member;

  beforeAll(async () => {
    // The prescription is signed a week ago (the server's clock moved back), before the session logged below.
    let shiftMs = 0;
    api = await createTestApi(target, { now: () => new Date(Date.now() + shiftMs) });
    party.physician = await api.member(SAMPLE.physician("Dr. Party"));
    party.patient = await api.member(SAMPLE.patient("Pia Party"));
    party.therapist = await api.member(therapistProfileInput("Tara Party"));
    outsider.physician = await api.member(SAMPLE.physician("Dr. Outsider"));
    outsider.patient = await api.member(SAMPLE.patient("Oscar Outsider"));
    outsider.therapist = await api.member(therapistProfileInput("Otto Outsider"));
    turnedDown = await api.member(therapistProfileInput("Tom Turneddown"));

    // The party referral: the patient first invites a therapist who turns it down, then the party therapist.
    const {
      referral: { id },
    } = await party.patient.caller.referral.create(referralInput(party.physician.user.id));
    shiftMs = -7 * 86_400_000;
    await party.physician.caller.prescription.sign(prescriptionInput(id, { validFrom: inDays(-7) }));
    shiftMs = 0;
    await party.patient.caller.referral.chooseTherapist({ referralId: id, therapistId: turnedDown.user.id });
    await turnedDown.caller.referral.turnDown({ referralId: id, reason: "Fully booked." });
    await party.patient.caller.referral.chooseTherapist({
      referralId: id,
      therapistId: party.therapist.user.id,
    });
    await party.therapist.caller.referral.accept({ referralId: id });
    await party.therapist.caller.plan.update(planInput(id, 0));
    await party.physician.caller.plan.approve({ referralId: id, version: 1 });
    await party.therapist.caller.plan.approve({ referralId: id, version: 1 });
    await party.patient.caller.plan.acknowledge({ referralId: id, version: 1 });
    await party.therapist.caller.session.log(sessionInput(id));
    fx.referralId = id;

    // The outsiders have an active episode of their own.
    await activeReferral({
      physician: outsider.physician,
      patient: outsider.patient,
      therapist: outsider.therapist,
    });
  });
  afterAll(async () => api?.close());

  it("the fixture referral is active, with the plan in effect", async () => {
    const plan = await party.patient.caller.plan.get({ referralId: fx.referralId });
    expect(plan).toMatchObject({ referralStatus: "active", version: 1, approvals: { inEffect: true } });
  });

  it("covers every new procedure", () => {
    expect(MATRIX.map((r) => r.procedure)).toEqual([
      "plan.get",
      "plan.update",
      "plan.approve",
      "plan.acknowledge",
      "session.log",
      "session.list",
      "progress.report",
      "progress.share",
      "progress.series",
      "progress.summary",
      "prescription.renew",
      "referral.complete",
      "referral.discontinue",
      "referral.withdraw",
    ]);
  });

  describe.each(MATRIX)("$procedure", (row) => {
    it("anonymous -> UNAUTHORIZED, nothing written", async () => {
      const before = await treatmentSnapshot(api, fx.referralId);
      await expectRefused(row.call(api.anonymous, fx), "UNAUTHORIZED");
      expect(await treatmentSnapshot(api, fx.referralId)).toEqual(before);
    });

    const wrongRoles = ROLES.filter((r) => !row.roles.includes(r));
    if (wrongRoles.length > 0) {
      it.each(wrongRoles)(
        "%s (wrong role, even on the referral) -> FORBIDDEN, nothing written",
        async (role) => {
          const before = await treatmentSnapshot(api, fx.referralId);
          const err = await expectRefused(row.call(party[role].caller, fx), "FORBIDDEN");
          expect(err.message).toMatch(/^Only (a|the) (patient|physician|therapist)/);
          expect(await treatmentSnapshot(api, fx.referralId)).toEqual(before);
        },
      );
    }

    it.each(row.roles)("a %s not on the referral -> NOT_FOUND, nothing written", async (role) => {
      const before = await treatmentSnapshot(api, fx.referralId);
      const err = await expectRefused(row.call(outsider[role].caller, fx), "NOT_FOUND");
      expect(err.message).toMatch(/not found/);
      expect(await treatmentSnapshot(api, fx.referralId)).toEqual(before);
    });

    if (row.roles.includes("therapist")) {
      it("the therapist who turned the referral down -> NOT_FOUND, nothing written", async () => {
        const before = await treatmentSnapshot(api, fx.referralId);
        await expectRefused(row.call(turnedDown.caller, fx), "NOT_FOUND");
        expect(await treatmentSnapshot(api, fx.referralId)).toEqual(before);
      });
    }

    it.each(row.roles)("the %s on the referral gets through", async (role) => {
      if (row.own === "ok") {
        await expect(row.call(party[role].caller, fx)).resolves.toBeDefined();
      } else {
        const before = await treatmentSnapshot(api, fx.referralId);
        await expectRefused(row.call(party[role].caller, fx), "CONFLICT", row.own.conflict);
        expect(await treatmentSnapshot(api, fx.referralId)).toEqual(before);
      }
    });
  });

  it("an id that does not exist answers exactly like someone else's referral", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    for (const call of [
      (c: Caller, referralId: string) => c.plan.get({ referralId }),
      (c: Caller, referralId: string) => c.progress.summary({ referralId }),
    ]) {
      const a = await errorOf(call(party.patient.caller, missing));
      const b = await errorOf(call(outsider.patient.caller, fx.referralId));
      expect([a.code, a.message]).toEqual([b.code, b.message]);
    }
  });
});
