/**
 * Every procedure of the router with who may call it and a valid input for a given episode. The router-wide
 * suites (access matrix, fuzzing) iterate this catalog and fail when a procedure is missing from it, so a new
 * procedure cannot ship without authorization and bad-input tests. Test support only.
 */
import type { Role } from "@mm/domain";
import { appRouter } from "./router";
import { coverageInput, prescriptionInput, referralInput } from "./testing/referral-fixtures";
import { planInput, sessionInput } from "./testing/treatment-fixtures";

export type Episode = {
  referralId: string;
  prescriptionId: string;
  physicianId: string;
  therapistId: string;
};

type Entry = {
  roles: readonly Role[];
  /** Answers signed-out callers too (never health data). */
  public?: true;
  /** Input naming the episode's records; a caller not on the episode must get NOT_FOUND. */
  scoped?: (e: Episode) => unknown;
  /** Input for unscoped procedures. */
  input?: (e: Episode) => unknown;
};

const ALL = ["patient", "physician", "therapist"] as const;
const P = ["patient"] as const;
const D = ["physician"] as const;
const T = ["therapist"] as const;
const DT = ["physician", "therapist"] as const;
const PT = ["patient", "therapist"] as const;
const id = (e: Episode) => ({ referralId: e.referralId });

export const PROCEDURES: Record<string, Entry> = {
  "me.get": { roles: ALL },
  "profile.update": { roles: ALL, input: () => ({ role: "patient", name: "X" }) },
  "directory.physicians": { roles: ALL, input: () => ({}) },
  "directory.therapists": { roles: ALL, scoped: (e) => ({ referralId: e.referralId }) },
  "coverage.get": { roles: P },
  "coverage.upsert": { roles: P, input: () => coverageInput() },
  "referral.create": { roles: P, input: (e) => referralInput(e.physicianId) },
  "referral.list": { roles: ALL, input: () => ({}) },
  "referral.get": { roles: ALL, scoped: (e) => ({ id: e.referralId }) },
  "referral.requestInfo": { roles: D, scoped: (e) => ({ ...id(e), question: "Any numbness?" }) },
  "referral.respond": { roles: P, scoped: (e) => ({ ...id(e), answer: "No." }) },
  "referral.decline": { roles: D, scoped: (e) => ({ ...id(e), reason: "Not indicated." }) },
  "referral.cancel": { roles: P, scoped: (e) => ({ ...id(e), reason: "Feeling better." }) },
  "referral.chooseTherapist": { roles: P, scoped: (e) => ({ ...id(e), therapistId: e.therapistId }) },
  "referral.accept": { roles: T, scoped: id },
  "referral.turnDown": { roles: T, scoped: (e) => ({ ...id(e), reason: "Fully booked." }) },
  "referral.complete": { roles: D, scoped: (e) => ({ ...id(e), note: "Goals met." }) },
  "referral.discontinue": { roles: D, scoped: (e) => ({ ...id(e), reason: "No progress." }) },
  "referral.withdraw": { roles: P, scoped: (e) => ({ ...id(e), reason: "Moving away." }) },
  "prescription.sign": { roles: D, scoped: (e) => prescriptionInput(e.referralId) },
  "prescription.renew": { roles: D, scoped: (e) => prescriptionInput(e.referralId) },
  "prescription.verify": { roles: ALL, scoped: (e) => ({ id: e.prescriptionId }) },
  "letter.draft": { roles: D, scoped: id },
  "letter.sign": {
    roles: D,
    scoped: (e) => ({
      referralId: e.referralId,
      narrative: "Massage therapy remains medically necessary for chronic low back pain.",
      attestation: true,
      signature: "Dr. Catalog",
    }),
  },
  "letter.list": { roles: ALL, scoped: id },
  "fee.get": { roles: T },
  "file.list": { roles: ALL, scoped: id },
  "fee.set": { roles: T, input: () => ({ fees: [{ cptCode: "97124", centsPerUnit: 3000 }] }) },
  "timeline.list": { roles: ALL, scoped: id },
  "timeline.onEvent": { roles: ALL, scoped: id },
  "timeline.visit": { roles: ALL, scoped: id },
  "message.post": { roles: ALL, scoped: (e) => ({ ...id(e), body: "Hello" }) },
  "plan.get": { roles: ALL, scoped: id },
  "plan.update": { roles: DT, scoped: (e) => planInput(e.referralId, 1) },
  "plan.approve": { roles: DT, scoped: (e) => ({ ...id(e), version: 1 }) },
  "plan.acknowledge": { roles: P, scoped: (e) => ({ ...id(e), version: 1 }) },
  "session.log": { roles: T, scoped: (e) => sessionInput(e.referralId) },
  "session.list": { roles: ALL, scoped: id },
  "progress.report": {
    roles: P,
    scoped: (e) => ({ ...id(e), painNow: 3, eveningPain: 4, sleepHours: 7, medicationDoses: 1, note: "" }),
  },
  "progress.share": { roles: T, scoped: (e) => ({ ...id(e), note: "Improving." }) },
  "progress.series": { roles: ALL, scoped: id },
  "progress.summary": { roles: ALL, scoped: id },
  "quiz.get": { roles: P },
  "quiz.submit": { roles: P, input: () => ({ answers: [] }) },
  "quiz.stats": { roles: P },
  "audit.myRecord": { roles: P, input: () => ({}) },
  "notification.list": { roles: ALL, input: () => ({}) },
  "notification.unreadCount": { roles: ALL },
  "notification.markRead": { roles: ALL, input: () => ({ all: true }) },
  "notification.preferences": { roles: ALL },
  "notification.setPreferences": { roles: ALL, input: () => ({ email: { message: false } }) },
  "notification.onEvent": { roles: ALL, input: () => ({}) },
  "notification.actions": { roles: ALL },
  "system.info": { roles: ALL, public: true },
  "availability.get": { roles: T },
  "availability.set": {
    roles: T,
    input: () => ({
      timeZone: "America/New_York",
      windows: [],
      exceptions: [],
      lateCancelHours: 24,
      autoConfirm: false,
    }),
  },
  "appointment.slots": { roles: PT, scoped: (e) => ({ ...id(e), from: "2030-01-07", to: "2030-01-13" }) },
  "appointment.book": {
    roles: P,
    scoped: (e) => ({ ...id(e), startsAt: "2030-01-07T14:00:00Z", minutes: 60, location: "clinic" }),
  },
  // An appointment id of someone else's (the catalog's episode has none): NOT_FOUND for every stranger.
  "appointment.confirm": { roles: T, scoped: (e) => ({ appointmentId: e.referralId }) },
  "appointment.decline": { roles: T, scoped: (e) => ({ appointmentId: e.referralId }) },
  "appointment.markNoShow": { roles: T, scoped: (e) => ({ appointmentId: e.referralId }) },
  "appointment.reschedule": {
    roles: PT,
    scoped: (e) => ({ appointmentId: e.referralId, startsAt: "2030-01-07T14:00:00Z" }),
  },
  "appointment.cancel": { roles: PT, scoped: (e) => ({ appointmentId: e.referralId }) },
  "appointment.list": { roles: ALL, scoped: id },
  "appointment.scheduleSummary": { roles: ALL, scoped: id },
  "calendar.createFeed": { roles: ALL },
  "calendar.revokeFeed": { roles: ALL },
  "session.amend": {
    roles: T,
    // Any id: a stranger is refused at the referral, before the session is looked up.
    scoped: (e) => ({ ...id(e), sessionId: e.prescriptionId, note: "Pressure was firm.", reason: "Typo" }),
  },
  "session.recordMissed": {
    roles: T,
    scoped: (e) => ({ ...id(e), scheduledAt: "2026-01-05T15:00:00Z", outcome: "cancelled", reason: "Ill" }),
  },
  "session.listMissed": { roles: ALL, scoped: id },
};

/** The router's own list of procedure paths: the source of truth the catalog is checked against. */
export function routerProcedurePaths(): string[] {
  return Object.keys(
    (appRouter as unknown as { _def: { procedures: Record<string, unknown> } })._def.procedures,
  ).sort();
}

/** Calls `path` on a caller built by createCaller (nested proxy), e.g. "referral.get". */
export function callPath(caller: unknown, path: string, input: unknown): Promise<unknown> {
  const fn = path.split(".").reduce((o, k) => (o as Record<string, unknown>)[k], caller) as (
    i: unknown,
  ) => Promise<unknown>;
  return fn(input);
}
