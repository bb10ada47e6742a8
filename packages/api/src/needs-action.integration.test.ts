import { testDbTargets } from "@mm/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activeReferral, episodeIn, type Parties } from "./testing/episode";
import { expectRefused, inDays, type Member, therapistProfileInput } from "./testing/referral-fixtures";
import { createTestApi, SAMPLE, type TestApi } from "./testing/test-support";
import { goalsFrom, justNow, planInput, REQUEST_BASELINES, sessionInput } from "./testing/treatment-fixtures";

/** `notification.actions` ("needs your action" on each home page) and `timeline.visit`, on real episodes. */
describe.each(testDbTargets())("needs your action on %s", (target) => {
  let api: TestApi;
  let outsider: Member;
  const parties = async (tag: string): Promise<Parties> => ({
    patient: await api.member(SAMPLE.patient(`Pat ${tag}`)),
    physician: await api.member(SAMPLE.physician(`Dr. ${tag}`)),
    therapist: await api.member(therapistProfileInput(`Theo ${tag}`)),
  });
  const actionsOf = async (m: Member, referralId: string) =>
    (await m.caller.notification.actions()).items
      .filter((i) => i.referralId === referralId)
      .map((i) => i.kind);

  beforeAll(async () => {
    api = await createTestApi(target);
    outsider = await api.member(SAMPLE.physician("Dr. Nobody"));
  });
  afterAll(async () => api?.close());

  it("physician: a request to review names the patient; the patient answers a question; nobody else sees them", async () => {
    const p = await parties("Review");
    const { referralId } = await episodeIn(p, "requested");
    const items = (await p.physician.caller.notification.actions()).items;
    expect(items).toEqual([{ kind: "review_request", referralId, name: "Pat Review" }]);
    expect(await actionsOf(p.patient, referralId)).toEqual([]);
    expect(await actionsOf(outsider, referralId)).toEqual([]);

    await p.physician.caller.referral.requestInfo({ referralId, question: "Any imaging?" });
    expect(await actionsOf(p.physician, referralId)).toEqual([]);
    expect((await p.patient.caller.notification.actions()).items).toEqual([
      { kind: "answer_question", referralId, name: "Dr. Review" },
    ]);
  });

  it("therapist: an invitation to answer; then plans to approve for each clinician, then the patient's acknowledgement", async () => {
    const p = await parties("Plan");
    const { referralId } = await episodeIn(p, "awaiting_therapist");
    expect(await actionsOf(p.therapist, referralId)).toEqual(["answer_invitation"]);
    expect(await actionsOf(p.physician, referralId)).toEqual([]);
    await p.therapist.caller.referral.accept({ referralId });
    expect(await actionsOf(p.therapist, referralId)).toEqual([]);

    await p.therapist.caller.plan.update(planInput(referralId, 0));
    // Every save clears approvals: both clinicians approve, the author too; the patient waits for both.
    expect(await actionsOf(p.physician, referralId)).toEqual(["approve_plan"]);
    expect(await actionsOf(p.therapist, referralId)).toEqual(["approve_plan"]);
    expect(await actionsOf(p.patient, referralId)).toEqual([]);
    await p.physician.caller.plan.approve({ referralId, version: 1 });
    expect(await actionsOf(p.physician, referralId)).toEqual([]);
    expect(await actionsOf(p.patient, referralId)).toEqual([]);
    await p.therapist.caller.plan.approve({ referralId, version: 1 });
    expect(await actionsOf(p.physician, referralId)).toEqual([]);
    expect(await actionsOf(p.therapist, referralId)).toEqual([]);
    expect(await actionsOf(p.patient, referralId)).toEqual(["acknowledge_plan"]);
    await p.patient.caller.plan.acknowledge({ referralId, version: 1 });
    expect(await actionsOf(p.patient, referralId)).toEqual([]);
  });

  it("in treatment: sessions to log, then the patient's report, a shared report to read until the physician visits, renewal due", async () => {
    const p = await parties("Care");
    // Expires in 5 days: renewal is due from the start.
    const { referralId } = await activeReferral(p, {
      rx: { expiresOn: inDays(5), totalSessions: 4 },
      plan: { goals: goalsFrom(REQUEST_BASELINES, inDays(5)) },
    });
    expect(await actionsOf(p.therapist, referralId)).toEqual(["log_session"]);
    expect(await actionsOf(p.physician, referralId)).toEqual(["renewal_due"]);
    expect(await actionsOf(p.patient, referralId)).toEqual([]);

    await p.therapist.caller.session.log(sessionInput(referralId, { occurredAt: justNow(0) }));
    expect(await actionsOf(p.therapist, referralId)).toEqual([]);
    expect(await actionsOf(p.patient, referralId)).toEqual(["report_progress"]);
    await p.patient.caller.progress.report({
      referralId,
      painNow: 3,
      eveningPain: 4,
      sleepHours: 7,
      medicationDoses: 1,
      note: "",
    });
    expect(await actionsOf(p.patient, referralId)).toEqual([]);

    await p.therapist.caller.progress.share({ referralId, note: "Steady progress." });
    expect(await actionsOf(p.physician, referralId)).toEqual(["read_report", "renewal_due"]);
    await p.physician.caller.timeline.visit({ referralId });
    expect(await actionsOf(p.physician, referralId)).toEqual(["renewal_due"]);
    expect(await actionsOf(outsider, referralId)).toEqual([]);
  });

  it("timeline.visit answers the previous visit's newest event, null the first time; someone else's is NOT_FOUND", async () => {
    const p = await parties("Visit");
    const { referralId } = await episodeIn(p, "requested");
    const first = { since: null, newCount: 0, firstNewSeq: null };
    expect(await p.physician.caller.timeline.visit({ referralId })).toEqual(first);
    const seqs = async () =>
      (await p.physician.caller.timeline.list({ referralId, limit: 200 })).items.map((e) => e.seq);
    const before = (await seqs()).at(-1);
    await p.physician.caller.referral.requestInfo({ referralId, question: "When did it start?" });
    await p.patient.caller.message.post({ referralId, body: "Since March." });
    const added = (await seqs()).filter((s) => s > before!);
    expect(added).toHaveLength(2);
    expect(await p.physician.caller.timeline.visit({ referralId })).toEqual({
      since: before,
      newCount: 2,
      firstNewSeq: added[0],
    });
    // The patient's visits are their own.
    expect(await p.patient.caller.timeline.visit({ referralId })).toEqual(first);
    expect(await p.physician.caller.timeline.visit({ referralId })).toEqual({
      since: added[1],
      newCount: 0,
      firstNewSeq: null,
    });
    await expectRefused(outsider.caller.timeline.visit({ referralId }), "NOT_FOUND");
    await expectRefused(outsider.caller.timeline.visit({ referralId: "nope" }), "BAD_REQUEST");
  });
});
