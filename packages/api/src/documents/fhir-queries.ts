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
  therapistInvitation,
  therapistProfile,
  therapySession,
  uploadedFile,
  user,
} from "@mm/db";
import { coverageForReader, type TherapistStanding, therapistMayReadMessage } from "@mm/domain";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { SessionUser } from "../context";
import { referralVisibleTo } from "../queries/referral";

/** A therapist's current invitation to the referral (invited or accepted); null for anyone else. */
async function standingOf(
  db: DbOrTx,
  reader: SessionUser,
  referralId: string,
): Promise<TherapistStanding | null> {
  if (reader.role !== "therapist") return null;
  const [inv] = await db
    .select({ createdAt: therapistInvitation.createdAt, status: therapistInvitation.status })
    .from(therapistInvitation)
    .where(
      and(
        eq(therapistInvitation.referralId, referralId),
        eq(therapistInvitation.therapistId, reader.id),
        inArray(therapistInvitation.status, ["invited", "accepted"]),
      ),
    )
    .orderBy(desc(therapistInvitation.createdAt))
    .limit(1);
  // The caller checked visibility, so a therapist here has one; none would mean nothing of the conversation.
  return { invitedAt: inv?.createdAt ?? new Date(8.64e15), accepted: inv?.status === "accepted" };
}

/**
 * Everything one episode's FHIR export maps, as `reader` (a party of the referral: the caller checked visibility)
 * may see it: a therapist gets neither the private thread nor, before accepting, the earlier conversation, the
 * full member id or the insurer's call notes.
 */
export async function loadEpisode(db: DbOrTx, r: typeof referral.$inferSelect, reader: SessionUser) {
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
    allMessages,
    letters,
    files,
    standing,
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
    standingOf(db, reader, r.id),
  ]);
  const messages = standing ? allMessages.filter((m) => therapistMayReadMessage(standing, m)) : allMessages;
  const cov = coverages[0] ?? null;
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
    coverage: cov && coverageForReader(cov, { invitedOnly: standing !== null && !standing.accepted }),
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
