import {
  coverage,
  type DbOrTx,
  letter,
  patientProfile,
  physicianProfile,
  prescription,
  referral,
  therapistFee,
  therapistProfile,
  therapySession,
  uploadedFile,
  user,
} from "@mm/db";
import { notFound } from "@mm/domain";
import { and, asc, desc, eq, gte, lt } from "drizzle-orm";
import type { SessionUser } from "../context";
import { referralVisibleTo } from "../queries/referral";

/**
 * What a signed document prints beside its signed content: the physician's practice details as saved now, and the
 * patient's name and date of birth. One query for the prescription and the letter alike.
 */
async function printedParties(db: DbOrTx, physicianId: string, patientId: string) {
  const [row] = await db
    .select({
      practice: physicianProfile.practice,
      practiceAddress: physicianProfile.practiceAddress,
      practicePhone: physicianProfile.phone,
      practiceState: physicianProfile.state,
      licenseNumber: physicianProfile.licenseNumber,
      patientName: user.name,
      patientDateOfBirth: patientProfile.dateOfBirth,
    })
    .from(user)
    .leftJoin(patientProfile, eq(patientProfile.userId, user.id))
    .leftJoin(physicianProfile, eq(physicianProfile.userId, physicianId))
    .where(eq(user.id, patientId));
  if (!row) throw new Error("the signed document's patient is missing");
  return row;
}

/** A prescription with its printed parties. Only for the referral's parties; anyone else: NOT_FOUND. */
export async function loadPrescriptionDocument(db: DbOrTx, me: SessionUser, prescriptionId: string) {
  const [row] = await db
    .select({ rx: prescription })
    .from(prescription)
    .innerJoin(referral, eq(referral.id, prescription.referralId))
    .where(and(eq(prescription.id, prescriptionId), referralVisibleTo(me)));
  if (!row) throw notFound("prescription");
  return { rx: row.rx, ...(await printedParties(db, row.rx.physicianId, row.rx.patientId)) };
}

export type PrescriptionDocument = Awaited<ReturnType<typeof loadPrescriptionDocument>>;

/** The signed letters of a referral, newest version first (no narratives: a list needs only what identifies one). */
export const lettersOf = (db: DbOrTx, referralId: string) =>
  db
    .select({
      id: letter.id,
      version: letter.version,
      physicianName: letter.physicianName,
      signedAt: letter.signedAt,
      contentHash: letter.contentHash,
    })
    .from(letter)
    .where(eq(letter.referralId, referralId))
    .orderBy(desc(letter.version));

/** The newest letter of a referral, to chain the next version to. */
export async function latestLetter(db: DbOrTx, referralId: string) {
  const [row] = await db
    .select({ id: letter.id, version: letter.version })
    .from(letter)
    .where(eq(letter.referralId, referralId))
    .orderBy(desc(letter.version))
    .limit(1);
  return row ?? null;
}

/** A letter with its printed parties. Only for the referral's parties; anyone else: NOT_FOUND. */
export async function loadLetterDocument(db: DbOrTx, me: SessionUser, letterId: string) {
  const [row] = await db
    .select({ letter })
    .from(letter)
    .innerJoin(referral, eq(referral.id, letter.referralId))
    .where(and(eq(letter.id, letterId), referralVisibleTo(me)));
  if (!row) throw notFound("letter");
  return { letter: row.letter, ...(await printedParties(db, row.letter.physicianId, row.letter.patientId)) };
}

export type LetterDocument = Awaited<ReturnType<typeof loadLetterDocument>>;

/** A therapist's fees per CPT unit. */
export const feesOf = (db: DbOrTx, therapistId: string) =>
  db
    .select({ cptCode: therapistFee.cptCode, centsPerUnit: therapistFee.centsPerUnit })
    .from(therapistFee)
    .where(eq(therapistFee.therapistId, therapistId))
    .orderBy(asc(therapistFee.cptCode));

/** Replaces a therapist's fee list (one row per CPT code). */
export async function replaceFees(
  db: DbOrTx,
  therapistId: string,
  fees: readonly { cptCode: string; centsPerUnit: number }[],
) {
  await db.delete(therapistFee).where(eq(therapistFee.therapistId, therapistId));
  if (fees.length) await db.insert(therapistFee).values(fees.map((f) => ({ therapistId, ...f })));
}

/** Who is on the superbill: patient with coverage, the therapist's credentials. */
export async function superbillParties(db: DbOrTx, patientId: string, therapistId: string) {
  const [patient] = await db
    .select({
      name: user.name,
      dateOfBirth: patientProfile.dateOfBirth,
      phone: patientProfile.phone,
      payerName: coverage.payerName,
      planName: coverage.planName,
      memberId: coverage.memberId,
      groupNumber: coverage.groupNumber,
    })
    .from(user)
    .leftJoin(patientProfile, eq(patientProfile.userId, user.id))
    .leftJoin(coverage, eq(coverage.patientId, user.id))
    .where(eq(user.id, patientId));
  const [therapist] = await db
    .select({
      name: user.name,
      credentialKind: therapistProfile.credentialKind,
      credentialNumber: therapistProfile.credentialNumber,
      credentialState: therapistProfile.credentialState,
      npi: therapistProfile.npi,
      phone: therapistProfile.phone,
    })
    .from(user)
    .leftJoin(therapistProfile, eq(therapistProfile.userId, user.id))
    .where(eq(user.id, therapistId));
  if (!patient || !therapist) throw new Error("superbill parties not found");
  return { patient, therapist };
}

/**
 * One therapist's visits on a referral in [from, to) (instants), oldest first, with their prescription's
 * diagnoses. A superbill is one provider's statement, so visits by an earlier therapist are not on it.
 */
export const visitsBetween = (
  db: DbOrTx,
  q: { referralId: string; therapistId: string; from: Date; toExclusive: Date },
) =>
  db
    .select({
      id: therapySession.id,
      occurredAt: therapySession.occurredAt,
      cptCode: therapySession.cptCode,
      units: therapySession.units,
      minutes: therapySession.minutes,
      services: therapySession.services,
      diagnosisCodes: prescription.diagnosisCodes,
    })
    .from(therapySession)
    .innerJoin(prescription, eq(prescription.id, therapySession.prescriptionId))
    .where(
      and(
        eq(therapySession.referralId, q.referralId),
        eq(therapySession.therapistId, q.therapistId),
        gte(therapySession.occurredAt, q.from),
        lt(therapySession.occurredAt, q.toExclusive),
      ),
    )
    .orderBy(asc(therapySession.occurredAt));

/** Metadata of a referral's files, newest first (never the content). */
export const filesOf = (db: DbOrTx, referralId: string) =>
  db
    .select({
      id: uploadedFile.id,
      name: uploadedFile.name,
      mediaType: uploadedFile.mediaType,
      sizeBytes: uploadedFile.sizeBytes,
      sha256: uploadedFile.sha256,
      uploaderName: user.name,
      uploaderRole: user.role,
      createdAt: uploadedFile.createdAt,
    })
    .from(uploadedFile)
    .innerJoin(user, eq(user.id, uploadedFile.uploaderId))
    .where(eq(uploadedFile.referralId, referralId))
    .orderBy(desc(uploadedFile.createdAt));

/** One file with its content, for a party of its referral only (anyone else: NOT_FOUND). */
export async function loadFile(db: DbOrTx, me: SessionUser, fileId: string) {
  const [row] = await db
    .select({
      id: uploadedFile.id,
      referralId: uploadedFile.referralId,
      name: uploadedFile.name,
      mediaType: uploadedFile.mediaType,
      storedIn: uploadedFile.storedIn,
      content: uploadedFile.content,
    })
    .from(uploadedFile)
    .innerJoin(referral, eq(referral.id, uploadedFile.referralId))
    .where(and(eq(uploadedFile.id, fileId), referralVisibleTo(me)));
  if (!row) throw notFound("file");
  return row;
}
