import { type DbOrTx, patientProfile, physicianProfile, prescription, referral, user } from "@mm/db";
import { notFound } from "@mm/domain";
import { and, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { SessionUser } from "../context";
import { referralVisibleTo } from "../services/referral-access";

const patientUser = alias(user, "patient_user");

/**
 * A prescription with what its PDF prints beside the signed content: the physician's practice details as saved
 * now, and the patient's name and date of birth. Only for the referral's parties; anyone else: NOT_FOUND.
 */
export async function loadPrescriptionDocument(db: DbOrTx, me: SessionUser, prescriptionId: string) {
  const [row] = await db
    .select({
      rx: prescription,
      practice: physicianProfile.practice,
      practicePhone: physicianProfile.phone,
      practiceState: physicianProfile.state,
      patientName: patientUser.name,
      patientDateOfBirth: patientProfile.dateOfBirth,
    })
    .from(prescription)
    .innerJoin(referral, eq(referral.id, prescription.referralId))
    .innerJoin(patientUser, eq(patientUser.id, prescription.patientId))
    .leftJoin(physicianProfile, eq(physicianProfile.userId, prescription.physicianId))
    .leftJoin(patientProfile, eq(patientProfile.userId, prescription.patientId))
    .where(and(eq(prescription.id, prescriptionId), referralVisibleTo(me)));
  if (!row) throw notFound("prescription");
  return row;
}

export type PrescriptionDocument = Awaited<ReturnType<typeof loadPrescriptionDocument>>;
