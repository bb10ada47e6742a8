import type { Db } from "@mm/db";
import type { CoverageUpsertInput } from "@mm/domain";
import type { SessionUser } from "../context";
import { coverageOfPatient, openReferralsOf, saveCoverage } from "../queries/coverage";
import { lockReferrals } from "../queries/referral";
import { audit } from "./audit";
import { iso } from "./dates";
import { commitChanges } from "./write-path";

export async function getCoverage(db: Db, me: SessionUser) {
  const row = await coverageOfPatient(db, me.id);
  await audit(db, me, { action: "coverage.get", entity: "coverage", entityId: row?.id ?? null });
  return row ? { ...row, createdAt: iso(row.createdAt), updatedAt: iso(row.updatedAt) } : null;
}

/** Saves the patient's insurance and notes it on the timeline of each of their open referrals. */
export async function upsertCoverage(db: Db, me: SessionUser, input: CoverageUpsertInput) {
  await db.transaction(async (tx) => {
    const values = {
      payerName: input.payerName,
      planName: input.planName ?? null,
      memberId: input.memberId,
      groupNumber: input.groupNumber ?? null,
      massageCovered: input.massageCovered,
      amountPerSessionCents: input.amountPerSessionCents,
      visitsPerYear: input.visitsPerYear,
      priorAuthRequired: input.priorAuthRequired,
      requiresLicense: input.requiresLicense,
      requiresNpi: input.requiresNpi,
      requiresInNetwork: input.requiresInNetwork,
      callDate: input.callDate,
      callReference: input.callReference ?? null,
      notes: input.notes ?? null,
    };
    const save = saveCoverage(tx, me.id, values);
    // Each open referral is locked (in id order) before its event is appended, like every other change.
    const open = await lockReferrals(tx, openReferralsOf(me.id));
    const data = {
      payerName: input.payerName,
      visitsPerYear: input.visitsPerYear,
      massageCovered: input.massageCovered,
    };
    await commitChanges(tx, me, {
      referrals: open.map((r) => ({
        referral: r,
        effects: [{ kind: "event", type: "coverage_recorded", data }],
        audit: { action: "coverage.upsert", entity: "coverage" },
      })),
      writes: [save],
      audit: open.length === 0 ? [{ action: "coverage.upsert", entity: "coverage" }] : [],
    });
  });
  return getCoverage(db, me);
}
