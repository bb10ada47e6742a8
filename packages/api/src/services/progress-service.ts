import { type Db, type DbOrTx, progressReport } from "@mm/db";
import {
  adherence,
  adherenceOf,
  daysBetween,
  GOAL_MEASURE_INFO,
  type GoalMeasure,
  goalName,
  goalProgress,
  missedVisitsText,
  type ProgressReportInput,
  type ProgressShareInput,
  plannedSessionsToDate,
  reminders,
  sessionWarnings,
  todayIso,
  visitLimitWarning,
} from "@mm/domain";
import type { SessionUser } from "../context";
import { loadProgress, loadSummaryData, type ProgressData } from "../queries/progress";
import { audit } from "./audit";
import { iso } from "./dates";
import { runReferralAction } from "./referral-action";

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
    if (!row) throw new Error("the progress report was not stored");
    return {
      event: {
        data: {
          reportId: row.id,
          painNow: input.painNow,
          eveningPain: input.eveningPain,
          sleepHours: input.sleepHours,
          medicationDoses: input.medicationDoses,
        },
      },
      result: row.id,
    };
  });

type Point = {
  at: string;
  value: number;
  source: "request" | "session_before" | "session_after" | "patient_report";
};

/** Every measurement over time, per measure: the request's figures, each session's pain, each patient report. */
function measurements(d: ProgressData) {
  // The request's figures are the baseline: plotted first even when sessions were recorded with earlier dates.
  const first = d.sessions[0]?.at;
  const start = iso(first && first < d.createdAt ? first : d.createdAt);
  const byMeasure: Record<Exclude<GoalMeasure, "custom">, Point[]> = {
    pain: [{ at: start, value: d.painNow, source: "request" }],
    evening_pain: [{ at: start, value: d.eveningPain, source: "request" }],
    sleep_hours: [{ at: start, value: d.sleepHours, source: "request" }],
    medication_doses: [{ at: start, value: d.medicationDosesPerDay, source: "request" }],
  };
  for (const s of d.sessions) {
    byMeasure.pain.push(
      { at: iso(s.at), value: s.before, source: "session_before" },
      { at: iso(s.at), value: s.after, source: "session_after" },
    );
  }
  for (const p of d.reports) {
    const at = iso(p.createdAt);
    byMeasure.pain.push({ at, value: p.painNow, source: "patient_report" });
    byMeasure.evening_pain.push({ at, value: p.eveningPain, source: "patient_report" });
    byMeasure.sleep_hours.push({ at, value: p.sleepHours, source: "patient_report" });
    byMeasure.medication_doses.push({ at, value: p.medicationDoses, source: "patient_report" });
  }
  for (const list of Object.values(byMeasure)) list.sort((a, b) => a.at.localeCompare(b.at));
  return byMeasure;
}

/**
 * The latest measurement since the baseline that reflects how the patient is doing: the request's figures are the
 * baseline, not a measurement (none yet -> null, "no measurement yet"), and pain right after treatment is not a
 * fair "latest pain".
 */
const latestOf = (points: Point[]) =>
  points.filter((p) => p.source !== "session_after" && p.source !== "request").at(-1)?.value ?? null;

function usage(d: ProgressData, now: Date) {
  const rx = d.prescription;
  const used = rx?.used ?? 0;
  const { visitsPerYear, visitsUsedThisYear } = d;
  const today = todayIso(now, d.timeZone);
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
      perYear: visitsPerYear,
      warning: visitLimitWarning(visitsPerYear, visitsUsedThisYear),
    },
    warnings: rx
      ? sessionWarnings({
          used,
          authorized: rx.totalSessions,
          visitsPerYear,
          visitsUsedThisYear,
          expiresOn: rx.expiresOn,
          today,
        })
      : [],
  };
}

const unitOf = (g: ProgressData["goals"][number]) =>
  g.measure === "custom" ? (g.customUnit ?? "") : GOAL_MEASURE_INFO[g.measure].unit;

export async function progressSeries(db: Db, me: SessionUser, referralId: string, now: Date) {
  const d = await loadProgress(db, me, referralId, now);
  await audit(db, me, { action: "progress.series", referralId: d.id, entity: "progress" });
  const byMeasure = measurements(d);
  return {
    goals: d.goals.map((g) => ({
      id: g.id,
      measure: g.measure,
      name: goalName(g),
      unit: unitOf(g),
      baseline: g.baseline,
      target: g.target,
      byDate: g.byDate,
      points: g.measure === "custom" ? [] : byMeasure[g.measure],
    })),
    measures: byMeasure,
    // The patient's own words on each report that has them, for the physician and therapist (oldest first).
    patientNotes: d.reports.filter((r) => r.note !== "").map((r) => ({ at: iso(r.createdAt), note: r.note })),
    ...usage(d, now),
  };
}

/** The justification summary: per goal baseline vs latest, sessions attended vs planned, reminders. */
async function summaryOf(db: DbOrTx, me: SessionUser, referralId: string, now: Date) {
  const d = await loadSummaryData(db, me, referralId, now);
  const byMeasure = measurements(d);
  const use = usage(d, now);
  const { sharedAt } = d;
  const attended = d.sessions.length;
  const today = todayIso(now, d.timeZone);
  const rx = use.prescription;
  const plannedToDate = rx ? plannedSessionsToDate({ ...rx, authorized: use.sessions.authorized, today }) : 0;
  const sinceShare = sharedAt ? d.sessions.filter((s) => s.createdAt > sharedAt).length : attended;
  const lastReportAt = d.reports.at(-1)?.createdAt ?? null;
  return {
    referralId: d.id,
    patientName: d.patientName ?? "",
    status: d.status,
    goals: d.goals.map((g) => {
      const latest = g.measure === "custom" ? null : latestOf(byMeasure[g.measure]);
      const p = goalProgress({
        measure: g.measure,
        direction: g.direction,
        baseline: g.baseline,
        target: g.target,
        latest,
      });
      return {
        id: g.id,
        name: goalName(g),
        measure: g.measure,
        unit: unitOf(g),
        baseline: g.baseline,
        target: g.target,
        byDate: g.byDate,
        latest,
        ...p,
      };
    }),
    sessions: { ...use.sessions, plannedToDate, adherencePercent: adherence(attended, plannedToDate) },
    attended,
    adherence: adherenceOf(attended, plannedToDate),
    // Cancelled and no-show visits count toward nothing above; the physician still sees how many there were.
    missedVisits: {
      cancelled: d.missedCancelled,
      noShow: d.missedNoShow,
      text: missedVisitsText({ cancelled: d.missedCancelled, noShow: d.missedNoShow }),
    },
    visits: use.visits,
    prescription: rx,
    warnings: use.warnings,
    lastPatientReportAt: lastReportAt ? iso(lastReportAt) : null,
    lastProgressReportAt: sharedAt ? iso(sharedAt) : null,
    reminder: reminders({
      sessionsSinceLastReport: sinceShare,
      daysSinceLastReport: sharedAt ? daysBetween(todayIso(sharedAt, d.timeZone), today) : null,
    }),
    generatedAt: iso(now),
  };
}

export async function progressSummary(db: Db, me: SessionUser, referralId: string, now: Date) {
  const summary = await summaryOf(db, me, referralId, now);
  await audit(db, me, { action: "progress.summary", referralId: summary.referralId, entity: "progress" });
  return summary;
}

/** Therapist → physician progress report: the note plus a snapshot of the summary figures at that moment. */
export async function shareProgress(db: Db, me: SessionUser, input: ProgressShareInput, now: Date) {
  // The snapshot is read inside the action, after its checks pass, under the referral's lock.
  const out = await runReferralAction(db, me, input, "report", async (tx, current) => {
    const summary = await summaryOf(tx, me, current.id, now);
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
            status: g.status,
          })),
          sessions: summary.sessions,
        },
      },
    };
  });
  return out.referral;
}
