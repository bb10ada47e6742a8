import { type Db, therapySession } from "@mm/db";
import {
  cptUnits,
  ruleViolation,
  SESSION_WARNING_LABELS,
  type SessionLogInput,
  sessionLimitCheck,
  sessionWarnings,
  todayIso,
} from "@mm/domain";
import { asc, eq } from "drizzle-orm";
import type { SessionUser } from "../context";
import { audit } from "./audit";
import { iso } from "./dates";
import { planIsInEffect } from "./plan-service";
import { loadReferral } from "./referral-access";
import { runReferralAction } from "./referral-action";
import {
  coverageOf,
  latestPrescription,
  sessionsUsed,
  visitsInYear,
  warningsAnnounced,
} from "./treatment-queries";

/**
 * Logs a session against the prescription in force, refusing it (rule named) before the plan is in effect,
 * outside the prescription's dates or beyond the authorized count. Warnings crossing a threshold go on the timeline.
 */
export const logSession = (db: Db, me: SessionUser, input: SessionLogInput, now: Date) =>
  runReferralAction(db, me, input, "logSession", async (tx, current) => {
    if (current.therapistId !== me.id)
      throw ruleViolation(
        "session.not_your_referral",
        "Only the therapist who accepted this referral can log its sessions.",
      );
    const rx = await latestPrescription(tx, current.id);
    if (!rx) throw ruleViolation("session.no_prescription", "There is no prescription for this referral.");
    const used = await sessionsUsed(tx, rx.id);
    const occurredAt = new Date(input.occurredAt);
    sessionLimitCheck({
      sessionDate: todayIso(occurredAt),
      validFrom: rx.validFrom,
      expiresOn: rx.expiresOn,
      used,
      authorized: rx.totalSessions,
      planInEffect: await planIsInEffect(tx, current.id),
    });
    if (!rx.cptCodes.includes(input.cptCode)) {
      throw ruleViolation(
        "session.cpt_not_prescribed",
        `The prescription allows ${rx.cptCodes.join(", ")}; ${input.cptCode} is not prescribed.`,
      );
    }
    const units = cptUnits(input.minutes);
    const [s] = await tx
      .insert(therapySession)
      .values({
        referralId: current.id,
        prescriptionId: rx.id,
        therapistId: me.id,
        occurredAt,
        minutes: input.minutes,
        techniques: input.techniques,
        bodyRegions: input.bodyRegions,
        pressure: input.pressure,
        subjective: input.subjective,
        objective: input.objective,
        assessment: input.assessment,
        plan: input.plan,
        painBefore: input.painBefore,
        painAfter: input.painAfter,
        cptCode: input.cptCode,
        units,
      })
      .returning({ id: therapySession.id });
    const cov = await coverageOf(tx, current.patientId);
    const visitsUsed = await visitsInYear(tx, current, occurredAt.getUTCFullYear());
    const warnings = sessionWarnings({
      used: used + 1,
      authorized: rx.totalSessions,
      visitsPerYear: cov?.visitsPerYear ?? null,
      visitsUsedThisYear: visitsUsed,
      expiresOn: rx.expiresOn,
      today: todayIso(now),
    });
    // Each warning is announced once per prescription, whenever it first applies.
    const announced = await warningsAnnounced(tx, current.id, rx.createdAt);
    return {
      followUps: warnings
        .filter((w) => !announced.has(w))
        .map((w) => ({ type: "warning" as const, data: { warning: w, message: SESSION_WARNING_LABELS[w] } })),
      event: {
        data: {
          sessionId: s!.id,
          minutes: input.minutes,
          units,
          cptCode: input.cptCode,
          painBefore: input.painBefore,
          painAfter: input.painAfter,
          sessionNumber: used + 1,
          authorized: rx.totalSessions,
        },
      },
      result: {
        sessionId: s!.id,
        units,
        billable: units > 0,
        sessionNumber: used + 1,
        authorized: rx.totalSessions,
        warnings,
      },
    };
  });

export async function listSessions(db: Db, me: SessionUser, referralId: string) {
  const r = await loadReferral(db, me, referralId);
  const rows = await db
    .select()
    .from(therapySession)
    .where(eq(therapySession.referralId, r.id))
    .orderBy(asc(therapySession.occurredAt));
  await audit(db, me, { action: "session.list", referralId: r.id, entity: "therapy_session" });
  return rows.map((s) => ({ ...s, occurredAt: iso(s.occurredAt), createdAt: iso(s.createdAt) }));
}
