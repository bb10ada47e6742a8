import { coverage, type Db, referral } from "@mm/db";
import { type CoverageUpsertInput, TERMINAL_STATUSES } from "@mm/domain";
import { and, eq, notInArray } from "drizzle-orm";
import type { SessionUser } from "../context";
import { audit } from "./audit";
import { iso } from "./dates";
import { appendEvent } from "./timeline";

export async function getCoverage(db: Db, me: SessionUser) {
  const [row] = await db.select().from(coverage).where(eq(coverage.patientId, me.id));
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
    await tx
      .insert(coverage)
      .values({ patientId: me.id, ...values })
      .onConflictDoUpdate({ target: coverage.patientId, set: values });
    const open = await tx
      .select({ id: referral.id })
      .from(referral)
      .where(and(eq(referral.patientId, me.id), notInArray(referral.status, [...TERMINAL_STATUSES])));
    for (const r of open) {
      await appendEvent(tx, {
        referralId: r.id,
        actor: { id: me.id, role: me.role },
        type: "coverage_recorded",
        data: {
          payerName: input.payerName,
          visitsPerYear: input.visitsPerYear,
          massageCovered: input.massageCovered,
        },
      });
    }
    await audit(
      tx,
      me,
      open.length
        ? open.map((r) => ({ action: "coverage.upsert", referralId: r.id, entity: "coverage" }))
        : { action: "coverage.upsert", entity: "coverage" },
    );
  });
  return getCoverage(db, me);
}
