import { testDbTargets } from "@mm/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  coverageInput,
  errorOf,
  expectRefused,
  type Member,
  prescriptionInput,
  referralInput,
  snapshot,
  therapistProfileInput,
} from "./testing/referral-fixtures";
import { type Caller, createTestApi, SAMPLE, type TestApi } from "./testing/test-support";

/**
 * Authorization matrix over every referral procedure: anonymous -> UNAUTHORIZED; a role that may never call it ->
 * FORBIDDEN (even a party on the referral); a user of an allowed role who is not on the referral -> NOT_FOUND and no
 * trace; the party on the referral gets through (success, or CONFLICT on a deliberately stale expectedVersion, which
 * proves access was granted without changing anything).
 */
type Role = "patient" | "physician" | "therapist";
const ROLES: Role[] = ["patient", "physician", "therapist"];
const STALE = 999;

type Fixture = { referralId: string; prescriptionId: string; physicianId: string; otherTherapistId: string };

/** Reads the first event of the live timeline (bounded), then ends the subscription. */
async function firstLiveEvent(c: Caller, referralId: string) {
  const iterable = (await c.timeline.onEvent({ referralId, lastEventId: "0" })) as AsyncIterable<unknown>;
  const iterator = iterable[Symbol.asyncIterator]();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const first = await Promise.race([
      iterator.next(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("no timeline event within 5s")), 5_000);
      }),
    ]);
    return first;
  } finally {
    clearTimeout(timer);
    // The generator is suspended at a yield (or already finished), so return() ends it at once.
    await iterator.return?.(undefined);
  }
}

type Row = {
  procedure: string;
  /** Roles the procedure admits at all. */
  roles: Role[];
  /** Acts on one referral: outsiders of an admitted role must get NOT_FOUND. */
  scoped: boolean;
  /** What the party on the referral gets. */
  own: "ok" | "CONFLICT";
  call: (c: Caller, fx: Fixture) => Promise<unknown>;
};

const MATRIX: Row[] = [
  {
    procedure: "referral.create",
    roles: ["patient"],
    scoped: false,
    own: "ok",
    call: (c, fx) => c.referral.create(referralInput(fx.physicianId)),
  },
  {
    procedure: "referral.list",
    roles: ROLES,
    scoped: false,
    own: "ok",
    call: (c) => c.referral.list({}),
  },
  {
    procedure: "referral.get",
    roles: ROLES,
    scoped: true,
    own: "ok",
    call: (c, fx) => c.referral.get({ id: fx.referralId }),
  },
  {
    procedure: "referral.requestInfo",
    roles: ["physician"],
    scoped: true,
    own: "CONFLICT",
    call: (c, fx) =>
      c.referral.requestInfo({ referralId: fx.referralId, question: "Any imaging?", expectedVersion: STALE }),
  },
  {
    procedure: "referral.respond",
    roles: ["patient"],
    scoped: true,
    own: "CONFLICT",
    call: (c, fx) =>
      c.referral.respond({ referralId: fx.referralId, answer: "None.", expectedVersion: STALE }),
  },
  {
    procedure: "referral.decline",
    roles: ["physician"],
    scoped: true,
    own: "CONFLICT",
    call: (c, fx) =>
      c.referral.decline({ referralId: fx.referralId, reason: "Not indicated.", expectedVersion: STALE }),
  },
  {
    procedure: "referral.cancel",
    roles: ["patient"],
    scoped: true,
    own: "CONFLICT",
    call: (c, fx) => c.referral.cancel({ referralId: fx.referralId, expectedVersion: STALE }),
  },
  {
    procedure: "referral.chooseTherapist",
    roles: ["patient"],
    scoped: true,
    own: "CONFLICT",
    call: (c, fx) =>
      c.referral.chooseTherapist({
        referralId: fx.referralId,
        therapistId: fx.otherTherapistId,
        expectedVersion: STALE,
      }),
  },
  {
    procedure: "referral.accept",
    roles: ["therapist"],
    scoped: true,
    own: "CONFLICT",
    call: (c, fx) => c.referral.accept({ referralId: fx.referralId, expectedVersion: STALE }),
  },
  {
    procedure: "referral.turnDown",
    roles: ["therapist"],
    scoped: true,
    own: "CONFLICT",
    call: (c, fx) =>
      c.referral.turnDown({ referralId: fx.referralId, reason: "Fully booked.", expectedVersion: STALE }),
  },
  {
    procedure: "referral.complete",
    roles: ["physician"],
    scoped: true,
    own: "CONFLICT",
    call: (c, fx) => c.referral.complete({ referralId: fx.referralId, expectedVersion: STALE }),
  },
  {
    procedure: "referral.discontinue",
    roles: ["physician"],
    scoped: true,
    own: "CONFLICT",
    call: (c, fx) =>
      c.referral.discontinue({ referralId: fx.referralId, reason: "No progress.", expectedVersion: STALE }),
  },
  {
    procedure: "referral.withdraw",
    roles: ["patient"],
    scoped: true,
    own: "CONFLICT",
    call: (c, fx) =>
      c.referral.withdraw({ referralId: fx.referralId, reason: "Moving away.", expectedVersion: STALE }),
  },
  {
    procedure: "prescription.sign",
    roles: ["physician"],
    scoped: true,
    own: "CONFLICT",
    call: (c, fx) => c.prescription.sign(prescriptionInput(fx.referralId, { expectedVersion: STALE })),
  },
  {
    procedure: "prescription.renew",
    roles: ["physician"],
    scoped: true,
    own: "CONFLICT",
    call: (c, fx) => c.prescription.renew(prescriptionInput(fx.referralId, { expectedVersion: STALE })),
  },
  {
    procedure: "prescription.verify",
    roles: ROLES,
    scoped: true,
    own: "ok",
    call: (c, fx) => c.prescription.verify({ id: fx.prescriptionId }),
  },
  {
    procedure: "coverage.get",
    roles: ["patient"],
    scoped: false,
    own: "ok",
    call: (c) => c.coverage.get(),
  },
  {
    procedure: "coverage.upsert",
    roles: ["patient"],
    scoped: false,
    own: "ok",
    call: (c) => c.coverage.upsert(coverageInput()),
  },
  {
    procedure: "directory.therapists({referralId})",
    roles: ROLES,
    scoped: true,
    own: "ok",
    call: (c, fx) => c.directory.therapists({ referralId: fx.referralId }),
  },
  {
    procedure: "timeline.list",
    roles: ROLES,
    scoped: true,
    own: "ok",
    call: (c, fx) => c.timeline.list({ referralId: fx.referralId }),
  },
  {
    procedure: "timeline.onEvent",
    roles: ROLES,
    scoped: true,
    own: "ok",
    call: (c, fx) => firstLiveEvent(c, fx.referralId),
  },
  {
    procedure: "message.post",
    roles: ROLES,
    scoped: true,
    own: "CONFLICT",
    call: (c, fx) => c.message.post({ referralId: fx.referralId, body: "Hello", expectedVersion: STALE }),
  },
];

describe.each(testDbTargets())("referral authorization matrix on %s", (target) => {
  let api: TestApi;
  const fx = {} as Fixture;
  /** The three parties of the referral (the therapist is invited: awaiting_therapist). */
  const party = {} as Record<Role, Member>;
  /** Same-role users who are not on it (each with a referral of their own). */
  const outsider = {} as Record<Role, Member>;

  beforeAll(async () => {
    api = await createTestApi(target);
    party.physician = await api.member(SAMPLE.physician("Dr. Party"));
    party.patient = await api.member(SAMPLE.patient("Pia Party"));
    party.therapist = await api.member(therapistProfileInput("Tara Party"));
    outsider.physician = await api.member(SAMPLE.physician("Dr. Outsider"));
    outsider.patient = await api.member(SAMPLE.patient("Oscar Outsider"));
    outsider.therapist = await api.member(therapistProfileInput("Otto Outsider"));

    const {
      referral: { id },
    } = await party.patient.caller.referral.create(referralInput(party.physician.user.id));
    const signed = await party.physician.caller.prescription.sign(prescriptionInput(id));
    await party.patient.caller.referral.chooseTherapist({
      referralId: id,
      therapistId: party.therapist.user.id,
    });
    Object.assign(fx, {
      referralId: id,
      prescriptionId: signed.prescriptionId,
      physicianId: party.physician.user.id,
      otherTherapistId: outsider.therapist.user.id,
    });

    // The outsiders have an episode of their own, so their lists are not trivially empty.
    const { referral: theirs } = await outsider.patient.caller.referral.create(
      referralInput(outsider.physician.user.id),
    );
    await outsider.physician.caller.prescription.sign(prescriptionInput(theirs.id));
    await outsider.patient.caller.referral.chooseTherapist({
      referralId: theirs.id,
      therapistId: outsider.therapist.user.id,
    });
  });
  afterAll(async () => api?.close());

  it("covers every referral procedure of the API", () => {
    expect(MATRIX.map((r) => r.procedure)).toEqual([
      "referral.create",
      "referral.list",
      "referral.get",
      "referral.requestInfo",
      "referral.respond",
      "referral.decline",
      "referral.cancel",
      "referral.chooseTherapist",
      "referral.accept",
      "referral.turnDown",
      "referral.complete",
      "referral.discontinue",
      "referral.withdraw",
      "prescription.sign",
      "prescription.renew",
      "prescription.verify",
      "coverage.get",
      "coverage.upsert",
      "directory.therapists({referralId})",
      "timeline.list",
      "timeline.onEvent",
      "message.post",
    ]);
  });

  describe.each(MATRIX)("$procedure", (row) => {
    it("anonymous -> UNAUTHORIZED, and nothing is written", async () => {
      const before = await snapshot(api, fx.referralId);
      await expectRefused(row.call(api.anonymous, fx), "UNAUTHORIZED");
      expect(await snapshot(api, fx.referralId)).toEqual(before);
    });

    const wrongRoles = ROLES.filter((r) => !row.roles.includes(r));
    if (wrongRoles.length > 0) {
      it.each(wrongRoles)(
        "%s (wrong role, even on the referral) -> FORBIDDEN, nothing written",
        async (role) => {
          const before = await snapshot(api, fx.referralId);
          const err = await expectRefused(row.call(party[role].caller, fx), "FORBIDDEN");
          expect(err.message).toMatch(/^Only a (patient|physician|therapist) can do this/);
          expect(await snapshot(api, fx.referralId)).toEqual(before);
        },
      );
    }

    if (row.scoped) {
      it.each(row.roles)("a %s not on the referral -> NOT_FOUND, nothing written", async (role) => {
        const before = await snapshot(api, fx.referralId);
        const err = await expectRefused(row.call(outsider[role].caller, fx), "NOT_FOUND");
        // Same answer as for an id that does not exist: nothing reveals that it does.
        expect(err.message).toMatch(/not found/);
        expect(await snapshot(api, fx.referralId)).toEqual(before);
      });
    }

    it.each(row.roles)("the %s on the referral gets through", async (role) => {
      if (row.own === "ok") {
        await expect(row.call(party[role].caller, fx)).resolves.toBeDefined();
      } else {
        const before = await snapshot(api, fx.referralId);
        await expectRefused(row.call(party[role].caller, fx), "CONFLICT", "referral.stale_version");
        expect(await snapshot(api, fx.referralId)).toEqual(before);
      }
    });
  });

  describe("referral.list never shows someone else's referral", () => {
    it.each(ROLES)("the outsider %s's list, filtered or not, excludes it", async (role) => {
      const c = outsider[role].caller;
      for (const input of [{}, { status: "awaiting_therapist" as const }, { limit: 100 }]) {
        const page = await c.referral.list(input);
        expect(page.items.length).toBeGreaterThan(0);
        expect(page.items.map((i) => i.id)).not.toContain(fx.referralId);
        expect(page.counts).toEqual({ awaiting_therapist: 1 });
      }
    });

    it.each(ROLES)("the %s on the referral lists it", async (role) => {
      const page = await party[role].caller.referral.list({ status: "awaiting_therapist" });
      expect(page.items.map((i) => i.id)).toContain(fx.referralId);
    });
  });

  it("an id that does not exist answers exactly like someone else's referral", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    const a = await errorOf(party.patient.caller.referral.get({ id: missing }));
    const b = await errorOf(outsider.patient.caller.referral.get({ id: fx.referralId }));
    expect([a.code, a.message]).toEqual([b.code, b.message]);
    const c = await errorOf(party.patient.caller.prescription.verify({ id: missing }));
    const d = await errorOf(outsider.patient.caller.prescription.verify({ id: fx.prescriptionId }));
    expect([c.code, c.message]).toEqual([d.code, d.message]);
  });
});
