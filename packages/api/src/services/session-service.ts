import { randomUUID } from "node:crypto";
import { appointment, type Db, missedVisit, sessionAddendum, type Tx, therapySession } from "@mm/db";
import {
  assertAppointmentAction,
  assertReferralVersion,
  dayIn,
  type MissedVisitInput,
  notFound,
  planInEffect,
  REPEATED_SESSION_WARNINGS,
  ruleViolation,
  SESSION_WARNING_LABELS,
  type SessionAmendInput,
  type SessionLogInput,
  sessionAmendCheck,
  sessionLimitCheck,
  sessionServices,
  sessionsInWeek,
  sessionWarnings,
  therapistStandingCheck,
  todayIso,
  visitUnits,
} from "@mm/domain";
import { eq, type SQL } from "drizzle-orm";
import type { SessionUser } from "../context";
import { lockAppointment } from "../queries/appointments";
import { therapistStanding } from "../queries/clinician";
import { patientTimeZone } from "../queries/patient-zone";
import { loadReferral, lockReferral } from "../queries/referral";
import {
  missedVisitsOfReferral,
  sessionLogFacts,
  sessionOfReferral,
  sessionsOfReferral,
} from "../queries/session-log";
import { calendarYearOf } from "../queries/visits";
import { audit } from "./audit";
import { iso } from "./dates";
import { runReferralAction } from "./referral-action";
import { changeReferral } from "./write-path";

/**
 * The appointment a session is logged from, locked: this referral's and this therapist's (else NOT_FOUND) and
 * confirmed (else `appointment.complete_not_allowed`). Its completion joins the session's statement, so a visit
 * never counts both as booked and as attended.
 */
async function completeAppointment(
  tx: Tx,
  me: SessionUser,
  referralId: string,
  appointmentId: string,
  sessionId: string,
): Promise<SQL> {
  const appt = await lockAppointment(tx, appointmentId, referralId);
  if (!appt || appt.therapistId !== me.id) throw notFound("appointment");
  assertAppointmentAction("complete", appt.status, me.role);
  return tx
    .update(appointment)
    .set({ status: "completed", sessionId, updatedAt: new Date() })
    .where(eq(appointment.id, appt.id))
    .getSQL();
}

/**
 * Logs a session against the prescription in force, refusing it (rule named) before the plan is in effect,
 * outside the prescription's dates or beyond the authorized count. Warnings crossing a threshold go on the timeline.
 * Logged from an appointment (`appointmentId`), the appointment becomes completed in the same statement.
 */
export const logSession = (db: Db, me: SessionUser, input: SessionLogInput, now: Date) =>
  runReferralAction(db, me, input, "logSession", async (tx, current) => {
    if (current.therapistId !== me.id)
      throw ruleViolation(
        "session.not_your_referral",
        "Only the therapist who accepted this referral can log its sessions.",
      );
    const occurredAt = new Date(input.occurredAt);
    // Clinical days (validity, visit year, "today") are the patient's.
    const timeZone = await patientTimeZone(tx, current.patientId);
    const sessionDate = dayIn(occurredAt, timeZone);
    // Verification can lapse mid-treatment (withdrawn, or the credential expired): checked on every log.
    therapistStandingCheck(await therapistStanding(tx, me.id), sessionDate);
    // Read under the referral's lock, so no concurrent log of this referral changes the count before the insert.
    const facts = await sessionLogFacts(tx, current, calendarYearOf(occurredAt, timeZone));
    if (!facts) throw ruleViolation("session.no_prescription", "There is no prescription for this referral.");
    const { rx, used } = facts;
    sessionLimitCheck({
      occurredAt,
      signedAt: rx.signedAt,
      sessionDate,
      validFrom: rx.validFrom,
      expiresOn: rx.expiresOn,
      used,
      authorized: rx.totalSessions,
      planInEffect: planInEffect(facts.plan),
    });
    const billed = visitUnits(sessionServices(input));
    for (const service of billed.services) {
      if (!rx.cptCodes.includes(service.cptCode)) {
        throw ruleViolation(
          "session.cpt_not_prescribed",
          `The prescription allows ${rx.cptCodes.join(", ")}; ${service.cptCode} is not prescribed.`,
        );
      }
    }
    const units = billed.totalUnits;
    const cptCode = billed.services[0]?.cptCode ?? "";
    // The id is chosen here so the insert can join the statement that closes the action.
    const sessionId: string = randomUUID();
    const completion = input.appointmentId
      ? [await completeAppointment(tx, me, current.id, input.appointmentId, sessionId)]
      : [];
    const warnings = sessionWarnings({
      used: used + 1,
      authorized: rx.totalSessions,
      visitsPerYear: facts.visitsPerYear,
      // This session is one of the year's visits.
      visitsUsedThisYear: facts.visitsUsedThisYear + 1,
      expiresOn: rx.expiresOn,
      today: todayIso(now, timeZone),
      // Counted honestly (the session is logged), and warned about on the timeline each time.
      sessionsThisWeek: sessionsInWeek(
        rx.validFrom,
        facts.loggedAt.map((at) => dayIn(at, timeZone)),
        sessionDate,
      ),
      sessionsPerWeek: rx.sessionsPerWeek,
    });
    return {
      write: [
        tx
          .insert(therapySession)
          .values({
            id: sessionId,
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
            cptCode,
            units,
            services: billed.services,
          })
          .getSQL(),
        ...completion,
      ],
      // Each warning is announced once per prescription, whenever it first applies.
      followUps: warnings
        .filter((w) => REPEATED_SESSION_WARNINGS.includes(w) || !facts.announced.has(w))
        .map((w) => ({ type: "warning" as const, data: { warning: w, message: SESSION_WARNING_LABELS[w] } })),
      event: {
        data: {
          sessionId,
          ...(input.appointmentId ? { appointmentId: input.appointmentId } : {}),
          minutes: input.minutes,
          units,
          cptCode,
          services: billed.services,
          painBefore: input.painBefore,
          painAfter: input.painAfter,
          sessionNumber: used + 1,
          authorized: rx.totalSessions,
        },
      },
      result: {
        sessionId,
        units,
        services: billed.services,
        billable: units > 0,
        sessionNumber: used + 1,
        authorized: rx.totalSessions,
        warnings,
      },
    };
  });

export async function listSessions(db: Db, me: SessionUser, referralId: string) {
  const r = await loadReferral(db, me, referralId);
  const rows = await sessionsOfReferral(db, r.id);
  await audit(db, me, { action: "session.list", referralId: r.id, entity: "therapy_session" });
  return rows.map((s) => ({
    ...s,
    occurredAt: iso(s.occurredAt),
    createdAt: iso(s.createdAt),
    addenda: s.addenda.map((a) => ({ ...a, createdAt: iso(a.createdAt) })),
  }));
}

/**
 * An addendum to a logged session, by the therapist who logged it: the session's note stays as it was, the
 * addendum (what and why) is stored beside it, on the timeline and in the audit trail. Allowed after the referral
 * has ended too: a late correction belongs in the record.
 */
export const amendSession = (db: Db, me: SessionUser, input: SessionAmendInput) =>
  changeReferral(
    db,
    me,
    (tx) => lockReferral(tx, me, input.referralId),
    async (tx, current) => {
      assertReferralVersion(input.expectedVersion, current.version);
      const session = await sessionOfReferral(tx, current.id, input.sessionId);
      if (!session) throw notFound("session");
      sessionAmendCheck({ loggedBy: session.therapistId, by: me.id });
      const addendumId: string = randomUUID();
      return {
        writes: [
          tx
            .insert(sessionAddendum)
            .values({
              id: addendumId,
              sessionId: session.id,
              authorId: me.id,
              note: input.note,
              reason: input.reason,
            })
            .getSQL(),
        ],
        effects: [
          {
            kind: "event",
            type: "session_amended",
            data: {
              sessionId: session.id,
              addendumId,
              sessionAt: iso(session.occurredAt),
              note: input.note,
              reason: input.reason,
            },
          },
        ],
        audit: { action: "session.amend", entity: "therapy_session", entityId: session.id },
        result: { addendumId, sessionId: session.id },
      };
    },
  );

/**
 * A visit that did not take place (cancelled or a no-show), with its reason. It is kept apart from the sessions,
 * so it counts toward nothing: sessions used, adherence, units, the superbill or the insurer's visits.
 */
export const recordMissedVisit = (db: Db, me: SessionUser, input: MissedVisitInput) =>
  runReferralAction(db, me, input, "recordMissedVisit", async (tx, current) => {
    if (current.therapistId !== me.id)
      throw ruleViolation(
        "session.not_your_referral",
        "Only the therapist who accepted this referral can record its visits.",
      );
    const missedVisitId: string = randomUUID();
    const scheduledAt = new Date(input.scheduledAt);
    return {
      write: tx
        .insert(missedVisit)
        .values({
          id: missedVisitId,
          referralId: current.id,
          therapistId: me.id,
          scheduledAt,
          outcome: input.outcome,
          reason: input.reason,
        })
        .getSQL(),
      event: {
        data: { missedVisitId, scheduledAt: iso(scheduledAt), outcome: input.outcome, reason: input.reason },
      },
      result: { missedVisitId },
    };
  });

export async function listMissedVisits(db: Db, me: SessionUser, referralId: string) {
  const r = await loadReferral(db, me, referralId);
  const rows = await missedVisitsOfReferral(db, r.id);
  await audit(db, me, { action: "missed_visit.list", referralId: r.id, entity: "missed_visit" });
  return rows.map((v) => ({ ...v, scheduledAt: iso(v.scheduledAt), createdAt: iso(v.createdAt) }));
}
