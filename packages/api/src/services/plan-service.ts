import {
  carePlan,
  carePlanVersion,
  type Db,
  planApproval,
  planGoal,
  prescription,
  referral,
  type Tx,
  user,
} from "@mm/db";
import {
  assertPlanOpen,
  assertPlanVersion,
  assertSignOffAllowed,
  diffPlans,
  goalDateIssues,
  invalidField,
  type PlanAcknowledgeInput,
  type PlanApproveInput,
  type PlanContent,
  type PlanUpdateInput,
  planApprovalState,
  planOpen,
  ruleViolation,
  todayIso,
  transition,
} from "@mm/domain";
import { eq } from "drizzle-orm";
import type { SessionUser } from "../context";
import { patientTimeZone } from "../queries/patient-zone";
import { approvalsOf, lockPlan, planHistory, planOf, planVersion, versionContent } from "../queries/plan";
import { prescriptionInForce } from "../queries/prescription";
import { loadReferral, lockReferral, type ReferralRow } from "../queries/referral";
import { audit } from "./audit";
import { iso } from "./dates";
import { changeReferral, type Effect, SYSTEM } from "./write-path";

/** What goal by-dates are checked against: the prescription in force and the patient's zone. */
async function goalDateFacts(tx: Tx, r: ReferralRow) {
  const rx = await prescriptionInForce(tx, r.id);
  return { rx, timeZone: await patientTimeZone(tx, r.patientId) };
}

/** Baselines a new plan starts from: what the patient reported in the request. */
const baselinesFrom = (r: ReferralRow) => ({
  pain: r.painNow,
  evening_pain: r.eveningPain,
  sleep_hours: r.sleepHours,
  medication_doses: r.medicationDosesPerDay,
});

export async function getPlan(db: Db, me: SessionUser, referralId: string) {
  const r = await loadReferral(db, me, referralId);
  const plan = await planOf(db, r.id);
  const versions = await approvalsOf(db, plan);
  const history = plan ? await planHistory(db, plan.id) : [];
  const current = history[0];
  await audit(db, me, {
    action: "plan.read",
    referralId: r.id,
    entity: "care_plan",
    entityId: plan?.id ?? null,
  });
  return {
    referralId: r.id,
    referralStatus: r.status,
    version: versions.currentVersion,
    content: current ? { ...current.content, goals: await versionContent(db, current.id) } : null,
    approvals: planApprovalState(versions),
    editable: planOpen(r.status) && (me.role === "physician" || me.role === "therapist"),
    baselines: baselinesFrom(r),
    history: history.map(({ content: _content, ...h }) => ({ ...h, createdAt: iso(h.createdAt) })),
  };
}

/** Saves a new version. Based on an older version → CONFLICT; every save clears approvals (they name a version). */
export async function updatePlan(db: Db, me: SessionUser, input: PlanUpdateInput, now: Date) {
  const out = await changeReferral(
    db,
    me,
    (tx) => lockReferral(tx, me, input.referralId),
    async (tx, r) => {
      assertPlanOpen(r.status);
      const plan = await lockPlan(tx, r.id);
      assertPlanVersion(input.version, plan.currentVersion);
      const { rx, timeZone } = await goalDateFacts(tx, r);
      const [issue] = goalDateIssues(input.goals, {
        today: todayIso(now, timeZone),
        validFrom: rx?.validFrom ?? null,
        expiresOn: rx?.expiresOn ?? null,
      });
      if (issue) throw invalidField(issue.path, issue.message);
      const prev = await planVersion(tx, plan.id, plan.currentVersion);
      const content = {
        frequency: input.frequency,
        techniques: input.techniques,
        precautions: input.precautions,
        homeCare: input.homeCare,
      };
      const next: PlanContent = { ...content, goals: input.goals };
      const changes = prev
        ? diffPlans({ ...prev.content, goals: await versionContent(tx, prev.id) }, next)
        : [`Created the plan of care with ${input.goals.length} goal${input.goals.length === 1 ? "" : "s"}`];
      const version = plan.currentVersion + 1;
      const [saved] = await tx
        .insert(carePlanVersion)
        .values({ carePlanId: plan.id, version, content, changes, authorId: me.id, authorRole: me.role })
        .returning({ id: carePlanVersion.id });
      if (!saved) throw new Error("the plan version was not stored");
      await tx.insert(planGoal).values(
        input.goals.map((g, position) => ({
          planVersionId: saved.id,
          position,
          measure: g.measure,
          customName: g.measure === "custom" ? (g.customName ?? null) : null,
          customUnit: g.measure === "custom" ? (g.customUnit ?? null) : null,
          direction: g.measure === "custom" ? (g.direction ?? null) : null,
          baseline: g.baseline,
          target: g.target,
          byDate: g.byDate,
        })),
      );
      return {
        writes: [
          tx.update(carePlan).set({ currentVersion: version }).where(eq(carePlan.id, plan.id)).getSQL(),
        ],
        effects: [{ kind: "event", type: "plan_updated", data: { version, changes } }],
        audit: { action: "plan.update", entity: "care_plan_version", entityId: saved.id },
        result: { version, changes },
      };
    },
  );
  return { referral: out.referral, ...out.result };
}

/**
 * Records an approval (physician, therapist) or acknowledgement (patient) of one version; when all three stand on
 * the current version the plan is in effect and a referral in planning becomes active (domain transition).
 */
async function signOff(
  db: Db,
  me: SessionUser,
  input: PlanApproveInput | PlanAcknowledgeInput,
  kind: "plan_approved" | "plan_acknowledged",
) {
  const out = await changeReferral(
    db,
    me,
    (tx) => lockReferral(tx, me, input.referralId),
    async (tx, r) => {
      assertPlanOpen(r.status);
      const plan = await lockPlan(tx, r.id);
      if (plan.currentVersion === 0)
        throw ruleViolation("plan.no_plan_yet", "There is no plan of care to approve yet.");
      assertPlanVersion(input.version, plan.currentVersion);
      const role = me.role as "physician" | "therapist" | "patient";
      assertSignOffAllowed(role, planApprovalState(await approvalsOf(tx, plan)));
      await tx
        .insert(planApproval)
        .values({ carePlanId: plan.id, version: plan.currentVersion, userId: me.id, role })
        .onConflictDoNothing();
      const state = planApprovalState(await approvalsOf(tx, plan));
      const effects: Effect[] = [{ kind: "event", type: kind, data: { version: plan.currentVersion } }];
      let status = r.status;
      if (state.inEffect) {
        if (r.status === "planning") status = transition(r.status, "activatePlan", "system");
        effects.push({
          kind: "event",
          type: "plan_in_effect",
          actor: SYSTEM,
          data: { version: plan.currentVersion, from: r.status, to: status },
        });
      }
      return {
        set: { status },
        effects,
        audit: {
          action: kind === "plan_approved" ? "plan.approve" : "plan.acknowledge",
          entity: "care_plan",
          entityId: plan.id,
        },
        result: state,
      };
    },
  );
  return { approvals: out.result, referral: out.referral };
}

export const approvePlan = (db: Db, me: SessionUser, input: PlanApproveInput) =>
  signOff(db, me, input, "plan_approved");
export const acknowledgePlan = (db: Db, me: SessionUser, input: PlanAcknowledgeInput) =>
  signOff(db, me, input, "plan_acknowledged");
