import { testDbTargets } from "@mm/db/testing";
import type { PlanUpdateInput } from "@mm/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptedReferral, type Parties } from "./testing/episode";
import {
  errorOf,
  expectRefused,
  inDays,
  ruleOf,
  therapistProfileInput,
  today,
} from "./testing/referral-fixtures";
import { createTestApi, SAMPLE, type TestApi } from "./testing/test-support";
import {
  eventsOf,
  goalsFrom,
  planInput,
  planVersionsOf,
  REQUEST_BASELINES,
  treatmentSnapshot,
} from "./testing/treatment-fixtures";

/**
 * Plan of care: co-authored by physician and therapist, every save a new version with a readable diff on the
 * timeline, approvals bound to one version and cleared by any edit, in effect only when physician AND therapist
 * approved the same version and the patient acknowledged it (planning → active), concurrent edits never lost.
 */
describe.each(testDbTargets())("plan of care on %s", (target) => {
  let api: TestApi;
  const p = {} as Parties;

  beforeAll(async () => {
    api = await createTestApi(target);
    p.physician = await api.member(SAMPLE.physician("Dr. Plan Author"));
    p.therapist = await api.member(therapistProfileInput("Theo Coauthor"));
    p.patient = await api.member(SAMPLE.patient("Paula Plan"));
  });
  afterAll(async () => api?.close());

  describe("co-authoring, approvals and activation", () => {
    let referralId: string;

    beforeAll(async () => {
      ({ referralId } = await acceptedReferral(p));
    });

    it("before any plan: version 0, no content, baselines from the request, editable by clinicians only", async () => {
      const asTherapist = await p.therapist.caller.plan.get({ referralId });
      expect(asTherapist).toMatchObject({
        referralId,
        referralStatus: "planning",
        version: 0,
        content: null,
        history: [],
        editable: true,
        baselines: REQUEST_BASELINES,
        approvals: {
          inEffect: false,
          physicianApproved: false,
          therapistApproved: false,
          patientAcknowledged: false,
          waitingFor: ["physician", "therapist", "patient"],
        },
      });
      expect((await p.physician.caller.plan.get({ referralId })).editable).toBe(true);
      expect((await p.patient.caller.plan.get({ referralId })).editable).toBe(false);
    });

    it("nothing to approve yet -> PRECONDITION_FAILED plan.no_plan_yet, nothing written", async () => {
      const before = await treatmentSnapshot(api, referralId);
      await expectRefused(
        p.physician.caller.plan.approve({ referralId, version: 0 }),
        "PRECONDITION_FAILED",
        "plan.no_plan_yet",
      );
      expect(await treatmentSnapshot(api, referralId)).toEqual(before);
    });

    describe("bad goals -> BAD_REQUEST naming the field; no version, no plan row, no event", () => {
      const byDate = inDays(60);
      const cases: { name: string; goals: unknown; field: string }[] = [
        {
          name: "a goal without a target",
          goals: [{ measure: "pain", baseline: 6, byDate }],
          field: "goals.0.target",
        },
        {
          name: "pain target 11 (out of 0-10)",
          goals: [{ measure: "pain", baseline: 6, target: 11, byDate }],
          field: "goals.0.target",
        },
        {
          name: "pain baseline -1",
          goals: [{ measure: "pain", baseline: -1, target: 3, byDate }],
          field: "goals.0.baseline",
        },
        {
          name: "sleep target 25 hours on the second goal",
          goals: [
            { measure: "pain", baseline: 6, target: 3, byDate },
            { measure: "sleep_hours", baseline: 5, target: 25, byDate },
          ],
          field: "goals.1.target",
        },
        {
          name: "a custom measure without a name",
          goals: [{ measure: "custom", baseline: 10, target: 30, byDate }],
          field: "goals.0.customName",
        },
        {
          name: "an unknown measure",
          goals: [{ measure: "mood", baseline: 1, target: 2, byDate }],
          field: "goals.0.measure",
        },
        {
          name: "a malformed by-date",
          goals: [{ measure: "pain", baseline: 6, target: 3, byDate: "next month" }],
          field: "goals.0.byDate",
        },
        { name: "no goals at all", goals: [], field: "goals" },
      ];

      it.each(cases)("$name -> $field", async ({ goals, field }) => {
        const before = await treatmentSnapshot(api, referralId);
        const err = await expectRefused(
          p.therapist.caller.plan.update({ ...planInput(referralId, 0), goals } as PlanUpdateInput),
          "BAD_REQUEST",
        );
        expect(err.message.startsWith(`${field}: `), err.message).toBe(true);
        expect(await treatmentSnapshot(api, referralId)).toEqual(before);
      });

      it.each([
        { when: "in the past", date: inDays(-1), index: 0 },
        { when: "today", date: today(), index: 1 },
      ])("a by-date $when (goal $index) -> goals.$index.byDate", async ({ date, index }) => {
        const before = await treatmentSnapshot(api, referralId);
        const goals = goalsFrom(REQUEST_BASELINES);
        goals[index] = { ...goals[index]!, byDate: date };
        const err = await expectRefused(
          p.physician.caller.plan.update(planInput(referralId, 0, { goals })),
          "BAD_REQUEST",
          `goals.${index}.byDate`,
        );
        expect(err.message).toMatch(/by-date must be in the future/);
        // The plan row the edit would have created is rolled back with it.
        expect(await treatmentSnapshot(api, referralId)).toEqual(before);
      });
    });

    it("the patient cannot edit the plan -> FORBIDDEN, nothing written", async () => {
      const before = await treatmentSnapshot(api, referralId);
      await expectRefused(p.patient.caller.plan.update(planInput(referralId, 0)), "FORBIDDEN");
      expect(await treatmentSnapshot(api, referralId)).toEqual(before);
    });

    it("therapist writes v1 from the request's baselines; the timeline says so", async () => {
      const { baselines } = await p.therapist.caller.plan.get({ referralId });
      const { referral, ...saved } = await p.therapist.caller.plan.update(
        planInput(referralId, 0, { goals: goalsFrom(baselines) }),
      );
      expect(saved).toEqual({ version: 1, changes: ["Created the plan of care with 4 goals"] });
      // The same envelope as every mutation: the referral's new version, for the page to refresh.
      expect(referral).toMatchObject({ id: referralId, status: "planning" });

      const plan = await p.patient.caller.plan.get({ referralId });
      expect(plan.version).toBe(1);
      expect(plan.content).toMatchObject({
        frequency: "Once a week, 60 minutes",
        techniques: ["Myofascial release", "Swedish effleurage"],
        goals: [
          { measure: "pain", baseline: 6, target: 3 },
          { measure: "evening_pain", baseline: 7, target: 3 },
          { measure: "sleep_hours", baseline: 5, target: 7 },
          { measure: "medication_doses", baseline: 3, target: 1 },
        ],
      });
      const updated = await eventsOf(api, referralId, "plan_updated");
      expect(updated).toHaveLength(1);
      expect(updated[0]).toMatchObject({
        actorId: p.therapist.user.id,
        actorRole: "therapist",
        data: { version: 1, changes: ["Created the plan of care with 4 goals"] },
      });
    });

    it("physician edits v2 based on v1: readable change lines on the timeline, both versions in history", async () => {
      const goals = goalsFrom(REQUEST_BASELINES);
      goals[0] = { ...goals[0]!, target: 2 };
      const saved = await p.physician.caller.plan.update(
        planInput(referralId, 1, {
          goals,
          techniques: ["Myofascial release", "Swedish effleurage", "Trigger point therapy"],
          precautions: "No deep pressure over L4-L5; limit prone time to 20 minutes.",
        }),
      );
      expect(saved.version).toBe(2);
      expect(saved.changes).toEqual(
        expect.arrayContaining([
          "Goal 'Pain' target 3 → 2",
          "Added technique 'Trigger point therapy'",
          expect.stringMatching(/^Precautions: '.*' → '.*limit prone time to 20 minutes\.'$/),
        ]),
      );

      const updated = await eventsOf(api, referralId, "plan_updated");
      expect(updated.map((e) => e.data.version)).toEqual([1, 2]);
      expect(updated[1]).toMatchObject({ actorId: p.physician.user.id, actorRole: "physician" });
      expect(updated[1]!.data.changes).toEqual(saved.changes);
      expect((updated[1]!.data.changes as string[]).some((l) => l.includes("target 3 → 2"))).toBe(true);

      const plan = await p.therapist.caller.plan.get({ referralId });
      expect(plan.version).toBe(2);
      expect(plan.content?.goals[0]).toMatchObject({ measure: "pain", target: 2 });
      expect(plan.history.map((h) => [h.version, h.authorName, h.authorRole])).toEqual([
        [2, "Dr. Plan Author", "physician"],
        [1, "Theo Coauthor", "therapist"],
      ]);
      expect(plan.history[0]!.changes).toEqual(saved.changes);
      expect(plan.history.every((h) => !Number.isNaN(Date.parse(h.createdAt)))).toBe(true);
    });

    it("an edit based on an older version -> CONFLICT plan.stale_version, nothing written", async () => {
      const before = await treatmentSnapshot(api, referralId);
      const err = await expectRefused(
        p.therapist.caller.plan.update(planInput(referralId, 1, { frequency: "Twice a week" })),
        "CONFLICT",
        "plan.stale_version",
      );
      expect(err.message).toMatch(/now version 2/);
      expect(await treatmentSnapshot(api, referralId)).toEqual(before);
    });

    it("physician approves v2; the therapist approving v1 -> CONFLICT, nothing written", async () => {
      const out = await p.physician.caller.plan.approve({ referralId, version: 2 });
      expect(out.approvals).toMatchObject({
        inEffect: false,
        physicianApproved: true,
        waitingFor: ["therapist", "patient"],
      });
      expect(out.referral.status).toBe("planning");

      const before = await treatmentSnapshot(api, referralId);
      await expectRefused(
        p.therapist.caller.plan.approve({ referralId, version: 1 }),
        "CONFLICT",
        "plan.stale_version",
      );
      await expectRefused(
        p.patient.caller.plan.acknowledge({ referralId, version: 1 }),
        "CONFLICT",
        "plan.stale_version",
      );
      expect(await treatmentSnapshot(api, referralId)).toEqual(before);
    });

    it("the therapist cannot acknowledge, the patient cannot approve -> FORBIDDEN, nothing written", async () => {
      const before = await treatmentSnapshot(api, referralId);
      await expectRefused(p.therapist.caller.plan.acknowledge({ referralId, version: 2 }), "FORBIDDEN");
      await expectRefused(p.physician.caller.plan.acknowledge({ referralId, version: 2 }), "FORBIDDEN");
      await expectRefused(p.patient.caller.plan.approve({ referralId, version: 2 }), "FORBIDDEN");
      expect(await treatmentSnapshot(api, referralId)).toEqual(before);
    });

    it("after both clinicians approve v2, an edit to v3 clears every approval", async () => {
      const out = await p.therapist.caller.plan.approve({ referralId, version: 2 });
      expect(out.approvals).toMatchObject({
        physicianApproved: true,
        therapistApproved: true,
        waitingFor: ["patient"],
        inEffect: false,
      });

      const saved = await p.therapist.caller.plan.update(
        planInput(referralId, 2, {
          goals: goalsFrom(REQUEST_BASELINES).map((g, i) => (i === 0 ? { ...g, target: 2 } : g)),
          techniques: ["Myofascial release", "Swedish effleurage", "Trigger point therapy"],
          precautions: "No deep pressure over L4-L5; limit prone time to 20 minutes.",
          homeCare: "Heat 15 minutes in the evening; walk 20 minutes daily.",
        }),
      );
      expect(saved.version).toBe(3);
      expect(saved.changes).toEqual([expect.stringMatching(/^Home care: /)]);

      const plan = await p.patient.caller.plan.get({ referralId });
      expect(plan.version).toBe(3);
      expect(plan.approvals).toEqual({
        inEffect: false,
        physicianApproved: false,
        therapistApproved: false,
        patientAcknowledged: false,
        waitingFor: ["physician", "therapist", "patient"],
      });
      expect(plan.referralStatus).toBe("planning");
    });

    it("approvals on different versions do not activate: physician on v2, therapist on v3; the patient cannot acknowledge v3 yet", async () => {
      // The physician's approval still stands in the table, but for v2: it does not count for v3.
      const approved = await p.therapist.caller.plan.approve({ referralId, version: 3 });
      expect(approved.approvals).toMatchObject({
        inEffect: false,
        physicianApproved: false,
        therapistApproved: true,
        waitingFor: ["physician", "patient"],
      });
      // Only a version both clinicians approved can be acknowledged (the button said so; the server agrees).
      const before = await planVersionsOf(api, referralId);
      const err = await expectRefused(
        p.patient.caller.plan.acknowledge({ referralId, version: 3 }),
        "PRECONDITION_FAILED",
        "plan.acknowledge_before_clinician_approval",
      );
      expect(err.message).toMatch(/physician and your therapist have approved/);
      expect(await planVersionsOf(api, referralId)).toEqual(before);
      expect(await eventsOf(api, referralId, "plan_in_effect")).toHaveLength(0);
      expect((await p.patient.caller.referral.get({ id: referralId })).status).toBe("planning");
    });

    it("all three on the same version -> the plan is in effect, planning -> active, plan_in_effect event", async () => {
      const approved = await p.physician.caller.plan.approve({ referralId, version: 3 });
      expect(approved.approvals).toMatchObject({ inEffect: false, waitingFor: ["patient"] });
      const out = await p.patient.caller.plan.acknowledge({ referralId, version: 3 });
      expect(out.approvals).toEqual({
        inEffect: true,
        physicianApproved: true,
        therapistApproved: true,
        patientAcknowledged: true,
        waitingFor: [],
      });
      expect(out.referral.status).toBe("active");
      expect((await p.therapist.caller.referral.get({ id: referralId })).status).toBe("active");

      const events = await eventsOf(api, referralId);
      const tail = events.slice(-2);
      expect(tail.map((e) => e.type)).toEqual(["plan_acknowledged", "plan_in_effect"]);
      expect(tail[1]).toMatchObject({
        actorId: null,
        actorRole: "system",
        data: { version: 3, from: "planning", to: "active" },
      });
      const signOffs = events.filter((e) => e.type === "plan_approved" || e.type === "plan_acknowledged");
      expect(signOffs.map((e) => [e.type, e.actorRole, e.data.version])).toEqual([
        ["plan_approved", "physician", 2],
        ["plan_approved", "therapist", 2],
        ["plan_approved", "therapist", 3],
        ["plan_approved", "physician", 3],
        ["plan_acknowledged", "patient", 3],
      ]);

      const plan = await p.patient.caller.plan.get({ referralId });
      expect(plan).toMatchObject({ referralStatus: "active", version: 3, approvals: { inEffect: true } });
      expect(plan.history.map((h) => h.version)).toEqual([3, 2, 1]);
    });
  });

  describe("concurrent edits of one version", () => {
    let referralId: string;

    beforeAll(async () => {
      ({ referralId } = await acceptedReferral(p));
    });

    /** Fires the edits at once; returns the fulfilled ones and the errors of the rejected ones. */
    async function race(edits: { by: "physician" | "therapist"; input: PlanUpdateInput }[]) {
      const results = await Promise.allSettled(edits.map((e) => p[e.by].caller.plan.update(e.input)));
      const won = results.flatMap((r, i) =>
        r.status === "fulfilled" ? [{ ...r.value, by: edits[i]!.by }] : [],
      );
      const lost = await Promise.all(
        results.flatMap((r) => (r.status === "rejected" ? [errorOf(Promise.reject(r.reason))] : [])),
      );
      return { won, lost };
    }

    it("creating v1: physician and therapist at once -> exactly one wins, the other gets CONFLICT", async () => {
      const { won, lost } = await race([
        { by: "physician", input: planInput(referralId, 0, { frequency: "Physician: once a week" }) },
        { by: "therapist", input: planInput(referralId, 0, { frequency: "Therapist: twice a week" }) },
      ]);
      expect(won).toHaveLength(1);
      expect(won[0]!.version).toBe(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]!.code).toBe("CONFLICT");
      expect(ruleOf(lost[0]!)).toBe("plan.stale_version");

      const versions = await planVersionsOf(api, referralId);
      expect(versions.map((v) => [v.version, v.authorRole])).toEqual([[1, won[0]!.by]]);
      expect(await eventsOf(api, referralId, "plan_updated")).toHaveLength(1);
      const plan = await p.physician.caller.plan.get({ referralId });
      expect(plan.history.map((h) => h.authorRole)).toEqual([won[0]!.by]);
      expect(plan.content?.frequency).toMatch(won[0]!.by === "physician" ? /^Physician/ : /^Therapist/);
    });

    it("the loser reloads and saves on top: both edits are in the history, none lost", async () => {
      const winner = (await planVersionsOf(api, referralId))[0]!.authorRole as "physician" | "therapist";
      const loser = winner === "physician" ? "therapist" : "physician";
      const reloaded = await p[loser].caller.plan.get({ referralId });
      const saved = await p[loser].caller.plan.update(
        planInput(referralId, reloaded.version, { frequency: `${loser}: after reload` }),
      );
      expect(saved.version).toBe(2);
      const winnerFrequency = winner === "physician" ? "Physician: once a week" : "Therapist: twice a week";
      expect(saved.changes).toEqual([`Frequency: '${winnerFrequency}' → '${loser}: after reload'`]);
      const plan = await p.patient.caller.plan.get({ referralId });
      expect(plan.history.map((h) => [h.version, h.authorRole])).toEqual([
        [2, loser],
        [1, winner],
      ]);
    });

    it("four edits on v2 at once (two each) -> one v3, three CONFLICTs, no version row lost or duplicated", async () => {
      const { won, lost } = await race(
        (["physician", "therapist", "physician", "therapist"] as const).map((by, i) => ({
          by,
          input: planInput(referralId, 2, { frequency: `Edit ${i} by ${by}` }),
        })),
      );
      expect(won.map((w) => w.version)).toEqual([3]);
      expect(lost.map((e) => [e.code, ruleOf(e)])).toEqual([
        ["CONFLICT", "plan.stale_version"],
        ["CONFLICT", "plan.stale_version"],
        ["CONFLICT", "plan.stale_version"],
      ]);

      const versions = await planVersionsOf(api, referralId);
      expect(versions.map((v) => v.version)).toEqual([1, 2, 3]);
      expect(versions[2]!.authorRole).toBe(won[0]!.by);
      const events = await eventsOf(api, referralId, "plan_updated");
      expect(events.map((e) => e.data.version)).toEqual([1, 2, 3]);
      const plan = await p.therapist.caller.plan.get({ referralId });
      expect(plan.version).toBe(3);
      expect(plan.history).toHaveLength(3);
      expect(plan.content?.goals).toHaveLength(4);
    });
  });
});
