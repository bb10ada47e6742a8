import { coverage, type DbOrTx, referral } from "@mm/db";
import { TERMINAL_STATUSES } from "@mm/domain";
import { and, eq, notInArray, type SQL } from "drizzle-orm";

type CoverageValues = Omit<typeof coverage.$inferInsert, "id" | "patientId" | "createdAt" | "updatedAt">;

export async function coverageOfPatient(db: DbOrTx, patientId: string) {
  const [row] = await db.select().from(coverage).where(eq(coverage.patientId, patientId));
  return row ?? null;
}

/** Insert-or-update of the patient's one coverage row, as a statement for the write path to run. */
export function saveCoverage(db: DbOrTx, patientId: string, values: CoverageValues): SQL {
  return db
    .insert(coverage)
    .values({ patientId, ...values })
    .onConflictDoUpdate({ target: coverage.patientId, set: values })
    .getSQL();
}

/** The patient's referrals still open (what their insurance is noted on). */
export const openReferralsOf = (patientId: string): SQL =>
  and(eq(referral.patientId, patientId), notInArray(referral.status, [...TERMINAL_STATUSES])) ??
  eq(referral.patientId, patientId);
