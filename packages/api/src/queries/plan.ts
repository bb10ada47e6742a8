import { carePlan, carePlanVersion, type DbOrTx, planApproval, planGoal, type Tx, user } from "@mm/db";
import type { PlanVersions } from "@mm/domain";
import { and, asc, desc, eq } from "drizzle-orm";

type PlanRow = typeof carePlan.$inferSelect;

/** Which roles approved (or acknowledged) the plan's current version. */
export async function approvalsOf(db: DbOrTx, plan: PlanRow | null): Promise<PlanVersions> {
  if (!plan)
    return {
      currentVersion: 0,
      physicianApprovedVersion: null,
      therapistApprovedVersion: null,
      patientAcknowledgedVersion: null,
    };
  const rows = await db
    .select({ role: planApproval.role, version: planApproval.version })
    .from(planApproval)
    .where(and(eq(planApproval.carePlanId, plan.id), eq(planApproval.version, plan.currentVersion)));
  const at = (role: string) => (rows.some((r) => r.role === role) ? plan.currentVersion : null);
  return {
    currentVersion: plan.currentVersion,
    physicianApprovedVersion: at("physician"),
    therapistApprovedVersion: at("therapist"),
    patientAcknowledgedVersion: at("patient"),
  };
}

/** A version's goals, in their order. */
export async function versionContent(db: DbOrTx, versionId: string) {
  const goals = await db
    .select()
    .from(planGoal)
    .where(eq(planGoal.planVersionId, versionId))
    .orderBy(asc(planGoal.position));
  return goals.map((g) => ({
    id: g.id,
    measure: g.measure,
    customName: g.customName,
    customUnit: g.customUnit,
    direction: g.direction,
    baseline: g.baseline,
    target: g.target,
    byDate: g.byDate,
  }));
}

export async function planOf(db: DbOrTx, referralId: string): Promise<PlanRow | null> {
  const [plan] = await db.select().from(carePlan).where(eq(carePlan.referralId, referralId));
  return plan ?? null;
}

/** Every saved version, newest first, with its author's name. */
export async function planHistory(db: DbOrTx, planId: string) {
  return db
    .select({
      id: carePlanVersion.id,
      version: carePlanVersion.version,
      changes: carePlanVersion.changes,
      authorName: user.name,
      authorRole: carePlanVersion.authorRole,
      createdAt: carePlanVersion.createdAt,
      content: carePlanVersion.content,
    })
    .from(carePlanVersion)
    .innerJoin(user, eq(user.id, carePlanVersion.authorId))
    .where(eq(carePlanVersion.carePlanId, planId))
    .orderBy(desc(carePlanVersion.version));
}

export async function planVersion(db: DbOrTx, planId: string, version: number) {
  const [row] = await db
    .select()
    .from(carePlanVersion)
    .where(and(eq(carePlanVersion.carePlanId, planId), eq(carePlanVersion.version, version)));
  return row ?? null;
}

/** Locks (creating if needed) the plan row: concurrent edits of one plan serialize here, then the version decides. */
export async function lockPlan(tx: Tx, referralId: string): Promise<PlanRow> {
  await tx.insert(carePlan).values({ referralId }).onConflictDoNothing({ target: carePlan.referralId });
  const [plan] = await tx.select().from(carePlan).where(eq(carePlan.referralId, referralId)).for("update");
  if (!plan) throw new Error("the plan row was not created");
  return plan;
}
