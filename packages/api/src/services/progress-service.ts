import {
  carePlan,
  carePlanVersion,
  type Db,
  type DbOrTx,
  planGoal,
  progressReport,
  therapySession,
  timelineEvent,
  user,
} from "@mm/db";
import {
  adherence,
  daysBetween,
  GOAL_MEASURE_INFO,
  type GoalMeasure,
  goalName,
  goalProgress,
  type ProgressReportInput,
  type ProgressShareInput,
  reminders,
  sessionWarnings,
  todayIso,
  visitLimitWarning,
} from "@mm/domain";
import { and, asc, count, desc, eq, gt } from "drizzle-orm";
import type { SessionUser } from "../context";
import { audit } from "./audit";
import { iso } from "./dates";
import { loadReferral, type ReferralRow } from "./referral-access";
import { runReferralAction } from "./referral-action";
import { coverageOf, latestPrescription, sessionsUsed, visitsInYear } from "./treatment-queries";

export const reportProgress = (db: Db, me: SessionUser, input: ProgressReportInput) =>
  runReferralAction(db, me, input, "report", async (tx, current) => {
    const [row] = await tx
      .insert(progressReport)
      .values({
        referralId: current.id,
        patientId: me.id,
        painNow: input.painNow,
        eveningPain: input.eveningPain,
        sleepHours: input.sleepHours,
        medicationDoses: input.medicationDoses,
        note: input.note,
      })
      .returning({ id: progressReport.id });
    return {
      event: {
        data: {
          reportId: row!.id,
          painNow: input.painNow,
          eveningPain: input.eveningPain,
          sleepHours: input.sleepHours,
          medicationDoses: input.medicationDoses,
        },
      },
      result: row!.id,
    };
  });

type Point = {
  at: string;
  value: number;
  source: "request" | "session_before" | "session_after" | "patient_report";
};

async function currentGoals(db: DbOrTx, referralId: string) {
  const [plan] = await db.select().from(carePlan).where(eq(carePlan.referralId, referralId));
  if (!plan || plan.currentVersion === 0) return [];
  const [version] = await db
    .select({ id: carePlanVersion.id })
    .from(carePlanVersion)
    .where(and(eq(carePlanVersion.carePlanId, plan.id), eq(carePlanVersion.version, plan.currentVersion)));
  return db
    .select()
    .from(planGoal)
    .where(eq(planGoal.planVersionId, version!.id))
    .orderBy(asc(planGoal.position));
}

/** Every measurement over time, per measure: the request's figures, each session's pain, each patient report. */
async function measurements(db: DbOrTx, r: ReferralRow) {
  // Sequential on purpose: inside a transaction there is one connection.
  const sessions = await db
    .select({
      at: therapySession.occurredAt,
      before: therapySession.painBefore,
      after: therapySession.painAfter,
    })
    .from(therapySession)
    .where(eq(therapySession.referralId, r.id))
    .orderBy(asc(therapySession.occurredAt));
  const reports = await db
    .select()
    .from(progressReport)
    .where(eq(progressReport.referralId, r.id))
    .orderBy(asc(progressReport.createdAt));
  // The request's figures are the baseline: plotted first even when sessions were recorded with earlier dates.
  const first = sessions[0]?.at;
  const start = iso(first && first < r.createdAt ? first : r.createdAt);
  const byMeasure: Record<Exclude<GoalMeasure, "custom">, Point[]> = {
    pain: [{ at: start, value: r.painNow, source: "request" }],
    evening_pain: [{ at: start, value: r.eveningPain, source: "request" }],
    sleep_hours: [{ at: start, value: r.sleepHours, source: "request" }],
    medication_doses: [{ at: start, value: r.medicationDosesPerDay, source: "request" }],
  };
  for (const s of sessions) {
    byMeasure.pain.push(
      { at: iso(s.at), value: s.before, source: "session_before" },
      { at: iso(s.at), value: s.after, source: "session_after" },
    );
  }
  for (const p of reports) {
    const at = iso(p.createdAt);
    byMeasure.pain.push({ at, value: p.painNow, source: "patient_report" });
    byMeasure.evening_pain.push({ at, value: p.eveningPain, source: "patient_report" });
    byMeasure.sleep_hours.push({ at, value: p.sleepHours, source: "patient_report" });
    byMeasure.medication_doses.push({ at, value: p.medicationDoses, source: "patient_report" });
  }
  for (const list of Object.values(byMeasure)) list.sort((a, b) => a.at.localeCompare(b.at));
  return { byMeasure, sessionCount: sessions.length, reports };
}

/** The latest value that reflects how the patient is doing: pain after treatment is not a fair "latest pain". */
const latestOf = (points: Point[]) =>
  points.filter((p) => p.source !== "session_after").at(-1)?.value ?? null;

async function usage(db: DbOrTx, r: ReferralRow, now: Date) {
  const rx = await latestPrescription(db, r.id);
  const cov = await coverageOf(db, r.patientId);
  const used = rx ? await sessionsUsed(db, rx.id) : 0;
  const visitsUsedThisYear = await visitsInYear(db, r, now.getUTCFullYear());
  const today = todayIso(now);
  return {
    prescription: rx
      ? {
          id: rx.id,
          validFrom: rx.validFrom,
          expiresOn: rx.expiresOn,
          sessionsPerWeek: rx.sessionsPerWeek,
          weeks: rx.weeks,
        }
      : null,
    sessions: { used, authorized: rx?.totalSessions ?? 0 },
    visits: {
      usedThisYear: visitsUsedThisYear,
      perYear: cov?.visitsPerYear ?? null,
      warning: visitLimitWarning(cov?.visitsPerYear ?? null, visitsUsedThisYear),
    },
    warnings: rx
      ? sessionWarnings({
          used,
          authorized: rx.totalSessions,
          visitsPerYear: cov?.visitsPerYear ?? null,
          visitsUsedThisYear,
          expiresOn: rx.expiresOn,
          today,
        })
      : [],
  };
}

export async function progressSeries(db: Db, me: SessionUser, referralId: string, now: Date) {
  const r = await loadReferral(db, me, referralId);
  const goals = await currentGoals(db, r.id);
  const m = await measurements(db, r);
  const use = await usage(db, r, now);
  await audit(db, me, { action: "progress.series", referralId: r.id, entity: "progress" });
  return {
    goals: goals.map((g) => ({
      id: g.id,
      measure: g.measure,
      name: goalName(g),
      unit: g.measure === "custom" ? (g.customUnit ?? "") : GOAL_MEASURE_INFO[g.measure].unit,
      baseline: g.baseline,
      target: g.target,
      byDate: g.byDate,
      points: g.measure === "custom" ? [] : m.byMeasure[g.measure],
    })),
    measures: m.byMeasure,
    ...use,
  };
}

async function lastShared(db: DbOrTx, referralId: string) {
  const [row] = await db
    .select({ at: timelineEvent.createdAt })
    .from(timelineEvent)
    .where(and(eq(timelineEvent.referralId, referralId), eq(timelineEvent.type, "progress_shared")))
    .orderBy(desc(timelineEvent.seq))
    .limit(1);
  return row?.at ?? null;
}

/** The justification summary: per goal baseline vs latest, sessions attended vs planned, reminders. */
async function summaryOf(db: DbOrTx, r: ReferralRow, now: Date) {
  const goals = await currentGoals(db, r.id);
  const m = await measurements(db, r);
  const use = await usage(db, r, now);
  const sharedAt = await lastShared(db, r.id);
  const [patient] = await db.select({ name: user.name }).from(user).where(eq(user.id, r.patientId));
  const today = todayIso(now);
  const rx = use.prescription;
  // Planned to date: the prescribed weekly frequency over the weeks elapsed, capped at the authorized total.
  const weeksElapsed = rx
    ? Math.max(0, Math.ceil((daysBetween(rx.validFrom, today < rx.expiresOn ? today : rx.expiresOn) + 1) / 7))
    : 0;
  const plannedToDate = rx ? Math.min(use.sessions.authorized, weeksElapsed * rx.sessionsPerWeek) : 0;
  const [sinceShare] = sharedAt
    ? await db
        .select({ n: count() })
        .from(therapySession)
        .where(and(eq(therapySession.referralId, r.id), gt(therapySession.createdAt, sharedAt)))
    : [{ n: m.sessionCount }];
  const lastReportAt = m.reports.at(-1)?.createdAt ?? null;
  return {
    referralId: r.id,
    patientName: patient?.name ?? "",
    status: r.status,
    goals: goals.map((g) => {
      const latest = g.measure === "custom" ? null : latestOf(m.byMeasure[g.measure]);
      const p = goalProgress({ measure: g.measure, baseline: g.baseline, target: g.target, latest });
      return {
        id: g.id,
        name: goalName(g),
        measure: g.measure,
        unit: g.measure === "custom" ? (g.customUnit ?? "") : GOAL_MEASURE_INFO[g.measure].unit,
        baseline: g.baseline,
        target: g.target,
        byDate: g.byDate,
        latest,
        ...p,
      };
    }),
    sessions: { ...use.sessions, plannedToDate, adherencePercent: adherence(m.sessionCount, plannedToDate) },
    attended: m.sessionCount,
    visits: use.visits,
    prescription: rx,
    warnings: use.warnings,
    lastPatientReportAt: lastReportAt ? iso(lastReportAt) : null,
    lastProgressReportAt: sharedAt ? iso(sharedAt) : null,
    reminder: reminders({
      sessionsSinceLastReport: sinceShare?.n ?? 0,
      daysSinceLastReport: sharedAt ? daysBetween(todayIso(sharedAt), today) : null,
    }),
    generatedAt: iso(now),
  };
}

export async function progressSummary(db: Db, me: SessionUser, referralId: string, now: Date) {
  const r = await loadReferral(db, me, referralId);
  const summary = await summaryOf(db, r, now);
  await audit(db, me, { action: "progress.summary", referralId: r.id, entity: "progress" });
  return summary;
}

/** Therapist → physician progress report: the note plus a snapshot of the summary figures at that moment. */
export async function shareProgress(db: Db, me: SessionUser, input: ProgressShareInput, now: Date) {
  // The snapshot is read inside the action, after its checks pass, under the referral's lock.
  const out = await runReferralAction(db, me, input, "report", async (tx, current) => {
    const summary = await summaryOf(tx, current, now);
    return {
      event: {
        type: "progress_shared",
        data: {
          note: input.note,
          goals: summary.goals.map((g) => ({
            name: g.name,
            baseline: g.baseline,
            latest: g.latest,
            target: g.target,
            achieved: g.achieved,
          })),
          sessions: summary.sessions,
        },
      },
    };
  });
  return out.referral;
}
