import { auditLog, prescription, therapistInvitation } from "@mm/db";
import { testDbTargets } from "@mm/db/testing";
import { TRPCError } from "@trpc/server";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptedReferral } from "./testing/episode";
import {
  type Member,
  prescriptionInput,
  referralInput,
  therapistProfileInput,
} from "./testing/referral-fixtures";
import { createTestApi, SAMPLE, type TestApi } from "./testing/test-support";
import { planInput } from "./testing/treatment-fixtures";

/** Runs the calls at once; returns how many succeeded and the codes of the refusals (never a 500). */
async function race(calls: (() => Promise<unknown>)[]) {
  const settled = await Promise.allSettled(calls.map((c) => c()));
  const codes = settled.flatMap((s) => (s.status === "rejected" ? [(s.reason as TRPCError).code] : []));
  for (const s of settled) if (s.status === "rejected") expect(s.reason).toBeInstanceOf(TRPCError);
  return { wins: settled.filter((s) => s.status === "fulfilled").length, codes };
}

describe.each(testDbTargets())("racing clients on %s", (target) => {
  let api: TestApi;
  let patient: Member;
  let physician: Member;
  let otherPhysician: Member;
  let therapist: Member;
  let therapist2: Member;
  const rows = async (table: typeof prescription | typeof therapistInvitation, referralId: string) =>
    (await api.db.select({ n: count() }).from(table).where(eq(table.referralId, referralId)))[0]!.n;

  beforeAll(async () => {
    api = await createTestApi(target);
    patient = await api.member(SAMPLE.patient("Race Patient"));
    physician = await api.member(SAMPLE.physician("Dr. Race"));
    otherPhysician = await api.member(SAMPLE.physician("Dr. Other"));
    therapist = await api.member(therapistProfileInput("Race Therapist"));
    therapist2 = await api.member(therapistProfileInput("Race Therapist Two"));
  });
  afterAll(async () => api?.close());

  it("six simultaneous signatures (and another physician's) make exactly one prescription", async () => {
    const {
      referral: { id },
    } = await patient.caller.referral.create(referralInput(physician.user.id));
    const { wins, codes } = await race([
      ...Array.from({ length: 6 }, () => () => physician.caller.prescription.sign(prescriptionInput(id))),
      () => otherPhysician.caller.prescription.sign(prescriptionInput(id)),
    ]);
    expect(wins).toBe(1);
    expect(codes.filter((c) => c === "NOT_FOUND")).toHaveLength(1);
    expect(codes.every((c) => ["PRECONDITION_FAILED", "CONFLICT", "NOT_FOUND"].includes(c))).toBe(true);
    expect(await rows(prescription, id)).toBe(1);
  });

  it("two simultaneous therapist choices invite exactly one therapist", async () => {
    const {
      referral: { id },
    } = await patient.caller.referral.create(referralInput(physician.user.id));
    await physician.caller.prescription.sign(prescriptionInput(id));
    const { wins, codes } = await race([
      () => patient.caller.referral.chooseTherapist({ referralId: id, therapistId: therapist.user.id }),
      () => patient.caller.referral.chooseTherapist({ referralId: id, therapistId: therapist2.user.id }),
    ]);
    expect(wins).toBe(1);
    expect(codes).toEqual(["PRECONDITION_FAILED"]);
    expect(await rows(therapistInvitation, id)).toBe(1);
  });

  it("a therapist's double (quintuple) accept succeeds once", async () => {
    const {
      referral: { id },
    } = await patient.caller.referral.create(referralInput(physician.user.id));
    await physician.caller.prescription.sign(prescriptionInput(id));
    await patient.caller.referral.chooseTherapist({ referralId: id, therapistId: therapist.user.id });
    const { wins, codes } = await race(
      Array.from({ length: 5 }, () => () => therapist.caller.referral.accept({ referralId: id })),
    );
    expect(wins).toBe(1);
    expect(new Set(codes)).toEqual(new Set(["PRECONDITION_FAILED"]));
    expect((await patient.caller.referral.get({ id })).status).toBe("planning");
  });

  it("parallel plan edits on one version: one wins, the rest get CONFLICT, nothing is lost or duplicated", async () => {
    const { referralId } = await acceptedReferral({ patient, physician, therapist });
    const { wins, codes } = await race([
      () => therapist.caller.plan.update(planInput(referralId, 0, { frequency: "Weekly A" })),
      () => physician.caller.plan.update(planInput(referralId, 0, { frequency: "Weekly B" })),
      () => therapist.caller.plan.update(planInput(referralId, 0, { frequency: "Weekly C" })),
      () => physician.caller.plan.update(planInput(referralId, 0, { frequency: "Weekly D" })),
    ]);
    expect(wins).toBe(1);
    expect(codes).toEqual(["CONFLICT", "CONFLICT", "CONFLICT"]);
    const plan = await patient.caller.plan.get({ referralId });
    expect(plan.version).toBe(1);
    // history is read from the version rows: exactly one row was written.
    expect(plan.history).toHaveLength(1);
  });

  it("concurrent reads are each audited before they are answered (batched, never lost)", async () => {
    const {
      referral: { id },
    } = await patient.caller.referral.create(referralInput(physician.user.id));
    const reads = async () =>
      (
        await api.db
          .select({ n: count() })
          .from(auditLog)
          .where(and(eq(auditLog.referralId, id), eq(auditLog.action, "referral.read")))
      )[0]!.n;
    const before = await reads();
    const pages = await Promise.all([
      ...Array.from({ length: 40 }, () => physician.caller.referral.get({ id })),
      ...Array.from({ length: 40 }, () => patient.caller.referral.get({ id })),
    ]);
    expect(pages).toHaveLength(80);
    expect((await reads()) - before).toBe(80);
    const inbox = await physician.caller.referral.list({});
    const listed = await api.db
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.action, "referral.list"), eq(auditLog.actorId, physician.user.id)));
    expect(listed[0]!.n).toBeGreaterThanOrEqual(inbox.items.length);
  });
});
