import {
  coverage,
  type Db,
  patientProfile,
  physicianProfile,
  prescription,
  referral,
  therapistInvitation,
  therapistProfile,
  user,
} from "@mm/db";
import type { Role } from "@mm/domain";
import { and, eq, getTableColumns, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { SessionUser } from "../context";
import { prepared } from "./prepared";
import { chainOrder, prescriptionColumns } from "./prescription";
import { referralVisibleTo } from "./referral";
import { fromJson, jsonArray, jsonObject } from "./sql-parts";

const patientUser = alias(user, "patient_user");
const physicianUser = alias(user, "physician_user");
const therapistUser = alias(user, "therapist_user");

const invitationColumns = {
  id: therapistInvitation.id,
  therapistId: therapistInvitation.therapistId,
  therapistName: user.name,
  status: therapistInvitation.status,
  reason: therapistInvitation.reason,
  createdAt: therapistInvitation.createdAt,
  respondedAt: therapistInvitation.respondedAt,
};
const coverageColumns = getTableColumns(coverage);

/** One statement: the access check, the people, coverage, and the prescriptions and invitations as JSON arrays. */
const referralRecord = (db: Db, role: Role) => {
  const me = { role, id: sql.placeholder("me") };
  return db
    .select({
      r: referral,
      patient: {
        id: patientUser.id,
        name: patientUser.name,
        // The referral's clinical days (valid-from, expires-on, by-dates) are days in this zone.
        timeZone: patientUser.timeZone,
        state: patientProfile.state,
        dateOfBirth: patientProfile.dateOfBirth,
        allergies: patientProfile.allergies,
        medicalConditions: patientProfile.medicalConditions,
        medications: patientProfile.medications,
      },
      physician: {
        id: physicianUser.id,
        name: physicianUser.name,
        practice: physicianProfile.practice,
        npi: physicianProfile.npi,
        state: physicianProfile.state,
      },
      therapistName: therapistUser.name,
      therapistProfile: {
        credentialKind: therapistProfile.credentialKind,
        credentialNumber: therapistProfile.credentialNumber,
        credentialState: therapistProfile.credentialState,
        credentialExpiresOn: therapistProfile.credentialExpiresOn,
        npi: therapistProfile.npi,
        phone: therapistProfile.phone,
      },
      coverage: jsonObject(coverageColumns),
      hasCoverage: sql<boolean>`${coverage.id} is not null`,
      prescriptions: jsonArray(prescriptionColumns, {
        from: sql`from ${prescription} where ${prescription.referralId} = ${referral.id}`,
        orderBy: sql`${prescription.createdAt}`,
      }),
      invitations: jsonArray(invitationColumns, {
        // A therapist sees only their own invitation, not which colleagues turned the patient down.
        from: sql`from ${therapistInvitation} inner join ${user} on ${user.id} = ${therapistInvitation.therapistId}
          where ${therapistInvitation.referralId} = ${referral.id}${role === "therapist" ? sql` and ${therapistInvitation.therapistId} = ${me.id}` : sql``}`,
        orderBy: sql`${therapistInvitation.createdAt}`,
      }),
    })
    .from(referral)
    .innerJoin(patientUser, eq(patientUser.id, referral.patientId))
    .leftJoin(patientProfile, eq(patientProfile.userId, referral.patientId))
    .innerJoin(physicianUser, eq(physicianUser.id, referral.physicianId))
    .leftJoin(physicianProfile, eq(physicianProfile.userId, referral.physicianId))
    .leftJoin(therapistUser, eq(therapistUser.id, referral.therapistId))
    .leftJoin(therapistProfile, eq(therapistProfile.userId, referral.therapistId))
    .leftJoin(coverage, eq(coverage.patientId, referral.patientId))
    .where(and(eq(referral.id, sql.placeholder("id")), referralVisibleTo(me)));
};

/**
 * The whole shared record as `me` may see it, in one prepared statement; null when it is not theirs. The
 * prescriptions come in renewal order, so the last is the one in force.
 */
export async function readReferralRecord(db: Db, me: SessionUser, id: string) {
  const [row] = await prepared(db, referralRecord, me.role).execute({ id, me: me.id });
  if (!row) return null;
  return {
    ...row,
    prescriptions: chainOrder(row.prescriptions.map((raw) => fromJson(prescriptionColumns, raw))),
    coverage: row.hasCoverage ? fromJson(coverageColumns, row.coverage) : null,
    invitations: row.invitations.map((raw) => fromJson(invitationColumns, raw)),
  };
}
