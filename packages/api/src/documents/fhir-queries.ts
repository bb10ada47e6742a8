import {
  carePlan,
  carePlanVersion,
  coverage,
  type DbOrTx,
  letter,
  message,
  patientProfile,
  physicianProfile,
  planGoal,
  prescription,
  progressReport,
  referral,
  therapistProfile,
  therapySession,
  uploadedFile,
  user,
} from "@mm/db";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { SessionUser } from "../context";
import { referralVisibleTo } from "../queries/referral";

/** Everything one episode's FHIR export maps, read for a party of the referral (the caller checked visibility). */
export async function loadEpisode(db: DbOrTx, r: typeof referral.$inferSelect) {
  const people = [r.patientId, r.physicianId, ...(r.therapistId ? [r.therapistId] : [])];
  const [
    users,
    patients,
    physicians,
    therapists,
    coverages,
    rxs,
    plans,
    sessions,
    reports,
    messages,
    letters,
    files,
  ] = await Promise.all([
    db.select({ id: user.id, name: user.name, role: user.role }).from(user).where(inArray(user.id, people)),
    db.select().from(patientProfile).where(eq(patientProfile.userId, r.patientId)),
    db.select().from(physicianProfile).where(eq(physicianProfile.userId, r.physicianId)),
    r.therapistId ? db.select().from(therapistProfile).where(eq(therapistProfile.userId, r.therapistId)) : [],
    db.select().from(coverage).where(eq(coverage.patientId, r.patientId)),
    db
      .select()
      .from(prescription)
      .where(eq(prescription.referralId, r.id))
      .orderBy(asc(prescription.createdAt)),
    db
      .select({ plan: carePlan, version: carePlanVersion })
      .from(carePlan)
      .innerJoin(
        carePlanVersion,
        and(
          eq(carePlanVersion.carePlanId, carePlan.id),
          eq(carePlanVersion.version, carePlan.currentVersion),
        ),
      )
      .where(eq(carePlan.referralId, r.id)),
    db
      .select()
      .from(therapySession)
      .where(eq(therapySession.referralId, r.id))
      .orderBy(asc(therapySession.occurredAt)),
    db
      .select()
      .from(progressReport)
      .where(eq(progressReport.referralId, r.id))
      .orderBy(asc(progressReport.createdAt)),
    db.select().from(message).where(eq(message.referralId, r.id)).orderBy(asc(message.createdAt)),
    db.select().from(letter).where(eq(letter.referralId, r.id)).orderBy(asc(letter.version)),
    db
      .select({
        id: uploadedFile.id,
        name: uploadedFile.name,
        mediaType: uploadedFile.mediaType,
        sizeBytes: uploadedFile.sizeBytes,
        sha256: uploadedFile.sha256,
        uploaderId: uploadedFile.uploaderId,
        createdAt: uploadedFile.createdAt,
      })
      .from(uploadedFile)
      .where(eq(uploadedFile.referralId, r.id))
      .orderBy(asc(uploadedFile.createdAt)),
  ]);
  const plan = plans[0] ?? null;
  const goals = plan
    ? await db
        .select()
        .from(planGoal)
        .where(eq(planGoal.planVersionId, plan.version.id))
        .orderBy(asc(planGoal.position))
    : [];
  return {
    referral: r,
    users,
    patientProfile: patients[0] ?? null,
    physicianProfile: physicians[0] ?? null,
    therapistProfile: therapists[0] ?? null,
    coverage: coverages[0] ?? null,
    prescriptions: rxs,
    plan,
    goals,
    sessions,
    reports,
    messages,
    letters,
    files,
  };
}

export type Episode = Awaited<ReturnType<typeof loadEpisode>>;

/** The referrals of one patient the caller may see (the patient: all of theirs), oldest first. */
export const visibleReferralsOfPatient = (db: DbOrTx, me: SessionUser, patientId: string) =>
  db
    .select()
    .from(referral)
    .where(and(eq(referral.patientId, patientId), referralVisibleTo(me)))
    .orderBy(asc(referral.createdAt));
