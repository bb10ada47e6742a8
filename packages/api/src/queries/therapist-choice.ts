import { coverage, type DbOrTx, patientProfile, therapistInvitation, therapistProfile, user } from "@mm/db";
import { and, eq } from "drizzle-orm";
import { prescriptionInForce } from "./prescription";
import type { ReferralRow } from "./referral";

/** What eligibility is judged against: the patient's state, the prescription's end and the insurer's rules. */
export async function eligibilityContext(db: DbOrTx, r: ReferralRow) {
  // Sequential: this also runs inside chooseTherapist's transaction, which has a single connection.
  const [pp] = await db
    .select({ state: patientProfile.state })
    .from(patientProfile)
    .where(eq(patientProfile.userId, r.patientId));
  const rx = await prescriptionInForce(db, r.id);
  const [cov] = await db.select().from(coverage).where(eq(coverage.patientId, r.patientId));
  return {
    patientState: pp?.state ?? null,
    prescriptionExpiresOn: rx?.expiresOn ?? null,
    coverage: cov
      ? {
          requiresLicense: cov.requiresLicense,
          requiresNpi: cov.requiresNpi,
          requiresInNetwork: cov.requiresInNetwork,
          payerName: cov.payerName,
        }
      : null,
  };
}

/** A therapist from the directory with the credentials eligibility is judged on; null if there is none. */
export async function therapistCandidate(db: DbOrTx, therapistId: string) {
  const [t] = await db
    .select({
      id: user.id,
      name: user.name,
      credentialKind: therapistProfile.credentialKind,
      credentialState: therapistProfile.credentialState,
      credentialExpiresOn: therapistProfile.credentialExpiresOn,
      npi: therapistProfile.npi,
      payers: therapistProfile.payers,
      verifiedAt: therapistProfile.verifiedAt,
    })
    .from(user)
    .innerJoin(therapistProfile, eq(therapistProfile.userId, user.id))
    .where(and(eq(user.id, therapistId), eq(user.role, "therapist")));
  return t ?? null;
}

/** The therapist's open invitation to the referral, if any. */
export async function currentInvitation(tx: DbOrTx, referralId: string, therapistId: string) {
  const [inv] = await tx
    .select()
    .from(therapistInvitation)
    .where(
      and(
        eq(therapistInvitation.referralId, referralId),
        eq(therapistInvitation.therapistId, therapistId),
        eq(therapistInvitation.status, "invited"),
      ),
    );
  return inv;
}
