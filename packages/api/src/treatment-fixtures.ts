/**
 * Shared fixtures for the plan-of-care, treatment and outcome integration suites: an episode brought to planning or
 * active through the real procedures, valid plan and session inputs, row-count snapshots (a refused call must leave
 * them unchanged) and timeline readers. Not a test file itself.
 */
import {
  auditLog,
  carePlan,
  carePlanVersion,
  planApproval,
  planGoal,
  prescription,
  progressReport,
  referral,
  therapySession,
  timelineEvent,
} from "@mm/db";
import type {
  PlanGoalInput,
  PlanUpdateInput,
  PrescriptionSignInput,
  ReferralCreateInput,
  SessionLogInput,
} from "@mm/domain";
import { and, asc, count, eq } from "drizzle-orm";
import { inDays, type Member, prescriptionInput, referralInput, today } from "./referral-fixtures";
import type { TestApi } from "./test-support";

export type Parties = { patient: Member; physician: Member; therapist: Member };

/** A version or expectedVersion no referral or plan ever reaches: the call is refused with CONFLICT, writing nothing. */
export const STALE = 999;

/** `YYYY-MM-DDTHH:MM:SS.000Z` on the day `days` from today (UTC); noon by default, so it is never in the future. */
export const onDay = (days: number, time = "12:00:00") => `${inDays(days)}T${time}.000Z`;

/**
 * A moment `secondsAgo` in the past but never before today's UTC midnight: a session "just now" that is neither in
 * the future nor on yesterday's date (which could fall before a prescription valid from today).
 */
export function justNow(secondsAgo = 60): string {
  const midnight = Date.parse(`${today()}T00:00:00.000Z`);
  return new Date(Math.max(midnight, Date.now() - secondsAgo * 1000)).toISOString();
}

/** Baselines as `plan.get` reports them (from the patient's request). */
export type Baselines = { pain: number; evening_pain: number; sleep_hours: number; medication_doses: number };

/** The four standard goals, each starting from the request's figure: pain 6→3, evening 7→3, sleep 5→7, doses 3→1. */
export function goalsFrom(b: Baselines, byDate = inDays(60)): PlanGoalInput[] {
  return [
    { measure: "pain", baseline: b.pain, target: 3, byDate },
    { measure: "evening_pain", baseline: b.evening_pain, target: 3, byDate },
    { measure: "sleep_hours", baseline: b.sleep_hours, target: 7, byDate },
    { measure: "medication_doses", baseline: b.medication_doses, target: 1, byDate },
  ];
}

/** The request figures of `referralInput` (pain 6, evening 7, sleep 5 h, 3 doses). */
export const REQUEST_BASELINES: Baselines = {
  pain: 6,
  evening_pain: 7,
  sleep_hours: 5,
  medication_doses: 3,
};

export function planInput(
  referralId: string,
  version: number,
  overrides: Partial<PlanUpdateInput> = {},
): PlanUpdateInput {
  return {
    referralId,
    version,
    goals: goalsFrom(REQUEST_BASELINES),
    frequency: "Once a week, 60 minutes",
    techniques: ["Myofascial release", "Swedish effleurage"],
    precautions: "No deep pressure over L4-L5.",
    homeCare: "Heat 15 minutes in the evening; cat-cow stretches twice a day.",
    ...overrides,
  };
}

export function sessionInput(referralId: string, overrides: Partial<SessionLogInput> = {}): SessionLogInput {
  return {
    referralId,
    occurredAt: onDay(-1),
    minutes: 55,
    techniques: ["Myofascial release"],
    bodyRegions: ["lower_back"],
    pressure: "firm",
    subjective: "Pain 5/10 this morning; slept better.",
    objective: "Hypertonic paraspinals L1-L5.",
    assessment: "Good tissue response.",
    plan: "Continue weekly.",
    painBefore: 5,
    painAfter: 3,
    cptCode: "97124",
    ...overrides,
  };
}

/**
 * request → prescription (with `rx` overrides) → therapist chosen → accepted: the referral is in `planning`.
 */
export async function acceptedReferral(
  p: Parties,
  opts: { rx?: Partial<PrescriptionSignInput>; request?: Partial<ReferralCreateInput> } = {},
) {
  const {
    referral: { id: referralId },
  } = await p.patient.caller.referral.create(referralInput(p.physician.user.id, opts.request));
  const signed = await p.physician.caller.prescription.sign(prescriptionInput(referralId, opts.rx));
  await p.patient.caller.referral.chooseTherapist({ referralId, therapistId: p.therapist.user.id });
  const { referral: accepted } = await p.therapist.caller.referral.accept({ referralId });
  if (accepted.status !== "planning") throw new Error(`expected planning, got ${accepted.status}`);
  return { referralId, prescriptionId: signed.prescriptionId };
}

/** Physician and therapist approve `version`, the patient acknowledges it. */
export async function signOffPlan(p: Parties, referralId: string, version: number) {
  await p.physician.caller.plan.approve({ referralId, version });
  await p.therapist.caller.plan.approve({ referralId, version });
  return p.patient.caller.plan.acknowledge({ referralId, version });
}

/** An episode in `active`: accepted, plan v1 written by the therapist and signed off by all three. */
export async function activeReferral(
  p: Parties,
  opts: {
    rx?: Partial<PrescriptionSignInput>;
    request?: Partial<ReferralCreateInput>;
    plan?: Partial<PlanUpdateInput>;
  } = {},
) {
  const ep = await acceptedReferral(p, opts);
  await p.therapist.caller.plan.update(planInput(ep.referralId, 0, opts.plan));
  const out = await signOffPlan(p, ep.referralId, 1);
  if (out.referral.status !== "active") throw new Error(`expected active, got ${out.referral.status}`);
  return ep;
}

const n = async (q: Promise<{ n: number }[]>) => (await q)[0]?.n ?? 0;

/**
 * Row counts of every table the treatment procedures write, plus the referral row: a refused call must leave all of
 * them unchanged (nothing half-written, no timeline event, no audit row).
 */
export async function treatmentSnapshot(api: TestApi, referralId?: string) {
  const db = api.db;
  const [events, audits, plans, versions, goals, approvals, sessions, reports, prescriptions, referrals] =
    await Promise.all([
      n(db.select({ n: count() }).from(timelineEvent)),
      n(db.select({ n: count() }).from(auditLog)),
      n(db.select({ n: count() }).from(carePlan)),
      n(db.select({ n: count() }).from(carePlanVersion)),
      n(db.select({ n: count() }).from(planGoal)),
      n(db.select({ n: count() }).from(planApproval)),
      n(db.select({ n: count() }).from(therapySession)),
      n(db.select({ n: count() }).from(progressReport)),
      n(db.select({ n: count() }).from(prescription)),
      n(db.select({ n: count() }).from(referral)),
    ]);
  const row = referralId
    ? (
        await db
          .select({ status: referral.status, version: referral.version, closedReason: referral.closedReason })
          .from(referral)
          .where(eq(referral.id, referralId))
      )[0]
    : undefined;
  return {
    events,
    audits,
    plans,
    versions,
    goals,
    approvals,
    sessions,
    reports,
    prescriptions,
    referrals,
    referral: row,
  };
}

/** The referral's timeline events (optionally of one type), in order. */
export async function eventsOf(api: TestApi, referralId: string, type?: string) {
  return api.db
    .select({
      seq: timelineEvent.seq,
      type: timelineEvent.type,
      actorId: timelineEvent.actorId,
      actorRole: timelineEvent.actorRole,
      data: timelineEvent.data,
    })
    .from(timelineEvent)
    .where(
      type
        ? and(eq(timelineEvent.referralId, referralId), eq(timelineEvent.type, type))
        : eq(timelineEvent.referralId, referralId),
    )
    .orderBy(asc(timelineEvent.seq));
}

/** The `care_plan_version` rows of a referral's plan, oldest first. */
export async function planVersionsOf(api: TestApi, referralId: string) {
  return api.db
    .select({
      version: carePlanVersion.version,
      authorId: carePlanVersion.authorId,
      authorRole: carePlanVersion.authorRole,
    })
    .from(carePlanVersion)
    .innerJoin(carePlan, eq(carePlan.id, carePlanVersion.carePlanId))
    .where(eq(carePlan.referralId, referralId))
    .orderBy(asc(carePlanVersion.version));
}

/** The referral's sessions as stored (prescription each counts against, units). */
export async function sessionsOf(api: TestApi, referralId: string) {
  return api.db
    .select({
      id: therapySession.id,
      prescriptionId: therapySession.prescriptionId,
      minutes: therapySession.minutes,
      units: therapySession.units,
    })
    .from(therapySession)
    .where(eq(therapySession.referralId, referralId))
    .orderBy(asc(therapySession.createdAt));
}
