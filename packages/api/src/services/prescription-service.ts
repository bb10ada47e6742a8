import type { Db, Tx } from "@mm/db";
import {
  hashPrescription,
  invalidField,
  notFound,
  type PrescriptionContent,
  type PrescriptionSignInput,
  prescriptionDateIssues,
  ruleViolation,
  todayIso,
} from "@mm/domain";
import type { SessionUser } from "../context";
import { isVerified } from "../queries/clinician";
import { patientTimeZone } from "../queries/patient-zone";
import {
  insertPrescription,
  type PrescriptionRow,
  prescriptionById,
  prescriptionInForce,
  signerOf,
} from "../queries/prescription";
import { loadReferral, type ReferralRow } from "../queries/referral";
import { audit } from "./audit";
import { iso } from "./dates";
import { runReferralAction } from "./referral-action";

/** The signed content, exactly as hashed: built from the stored row so verification recomputes the same thing. */
function contentOf(p: Omit<PrescriptionRow, "id" | "contentHash" | "createdAt">): PrescriptionContent {
  return {
    referralId: p.referralId,
    patientId: p.patientId,
    physicianId: p.physicianId,
    physicianName: p.physicianName,
    physicianNpi: p.physicianNpi,
    diagnosisCodes: p.diagnosisCodes,
    sessionsPerWeek: p.sessionsPerWeek,
    weeks: p.weeks,
    totalSessions: p.totalSessions,
    cptCodes: p.cptCodes,
    bodyRegions: p.bodyRegions,
    precautions: p.precautions,
    validFrom: p.validFrom,
    expiresOn: p.expiresOn,
    attestation: true,
    signature: p.signature,
    signedAt: iso(p.signedAt),
    previousPrescriptionId: p.previousPrescriptionId,
  };
}

async function writePrescription(
  tx: Tx,
  me: SessionUser,
  current: ReferralRow,
  input: PrescriptionSignInput,
  now: Date,
  previous: PrescriptionRow | null,
) {
  if (!(await isVerified(tx, me))) {
    throw ruleViolation(
      "physician.not_verified",
      "Your credentials must be verified before you can sign prescriptions.",
    );
  }
  const [issue] = prescriptionDateIssues(input, {
    today: todayIso(now, await patientTimeZone(tx, current.patientId)),
    previousValidFrom: previous?.validFrom ?? null,
  });
  if (issue) throw invalidField(issue.path, issue.message);
  // The name printed on the prescription is the saved one, not the (possibly older) copy in the session.
  const profile = await signerOf(tx, me.id);
  if (!profile?.npi)
    throw ruleViolation("physician.npi_missing", "Add your NPI to your profile before signing.");
  // Postgres keeps microseconds; the hash must match what is read back, so sign at millisecond precision.
  const signedAt = new Date(Math.floor(now.getTime()));
  const row = {
    referralId: current.id,
    patientId: current.patientId,
    physicianId: me.id,
    physicianName: profile.name,
    physicianNpi: profile.npi,
    diagnosisCodes: [...input.diagnosisCodes].sort(),
    sessionsPerWeek: input.sessionsPerWeek,
    weeks: input.weeks,
    totalSessions: input.totalSessions,
    cptCodes: [...input.cptCodes].sort(),
    bodyRegions: [...input.bodyRegions].sort(),
    precautions: input.precautions ?? "",
    validFrom: input.validFrom,
    expiresOn: input.expiresOn,
    attestation: true,
    signature: input.signature,
    signedAt,
    previousPrescriptionId: previous?.id ?? null,
  };
  const contentHash = await hashPrescription(contentOf(row));
  return insertPrescription(tx, { ...row, contentHash });
}

export const signPrescription = (db: Db, me: SessionUser, input: PrescriptionSignInput, now: Date) =>
  runReferralAction(db, me, input, "signPrescription", async (tx, current) => {
    const rx = await writePrescription(tx, me, current, input, now, null);
    return {
      patch: { prescriptionExpiresOn: rx.expiresOn },
      event: {
        data: {
          prescriptionId: rx.id,
          totalSessions: rx.totalSessions,
          validFrom: rx.validFrom,
          expiresOn: rx.expiresOn,
          contentHash: rx.contentHash,
        },
      },
      result: rx.id,
    };
  });

export const renewPrescription = (db: Db, me: SessionUser, input: PrescriptionSignInput, now: Date) =>
  runReferralAction(db, me, input, "renew", async (tx, current) => {
    // Read under the referral's lock: concurrent renewals queue there, and each renews the tip the last one left.
    const previous = await prescriptionInForce(tx, current.id);
    if (!previous) throw ruleViolation("prescription.none_to_renew", "There is no prescription to renew.");
    const rx = await writePrescription(tx, me, current, input, now, previous);
    return {
      patch: { prescriptionExpiresOn: rx.expiresOn },
      event: {
        data: {
          prescriptionId: rx.id,
          previousPrescriptionId: previous.id,
          totalSessions: rx.totalSessions,
          expiresOn: rx.expiresOn,
        },
      },
      result: rx.id,
    };
  });

/** Recomputes the hash of the stored prescription: anyone on the referral can check it was not altered. */
export async function verifyPrescription(db: Db, me: SessionUser, id: string) {
  const rx = await prescriptionById(db, id);
  if (!rx) throw notFound("prescription");
  // Someone else's prescription answers exactly like a missing one.
  await loadReferral(db, me, rx.referralId).catch(() => {
    throw notFound("prescription");
  });
  const computedHash = await hashPrescription(contentOf(rx));
  await audit(db, me, {
    action: "prescription.verify",
    referralId: rx.referralId,
    entity: "prescription",
    entityId: rx.id,
  });
  return {
    id: rx.id,
    valid: computedHash === rx.contentHash,
    storedHash: rx.contentHash,
    computedHash,
    signedAt: iso(rx.signedAt),
    physicianName: rx.physicianName,
    physicianNpi: rx.physicianNpi,
  };
}
