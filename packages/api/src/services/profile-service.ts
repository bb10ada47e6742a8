import { type Db, patientProfile, physicianProfile, therapistProfile, user } from "@mm/db";
import {
  credentialsChanged,
  DEFAULT_TIME_ZONE,
  invalidField,
  PHYSICIAN_VERIFIED_FIELDS,
  type ProfileUpdateInput,
  profileComplete,
  THERAPIST_VERIFIED_FIELDS,
  therapistCredentialFlags,
  todayIso,
} from "@mm/domain";
import { eq } from "drizzle-orm";
import type { SessionUser } from "../context";
import { audit } from "./audit";
import { isoOrNull } from "./dates";

export type PatientProfileView = {
  role: "patient";
  dateOfBirth: string | null;
  state: string | null;
  phone: string | null;
  medicalConditions: string[];
  medications: string[];
  allergies: string[];
};
export type PhysicianProfileView = {
  role: "physician";
  npi: string | null;
  practice: string | null;
  practiceAddress: string | null;
  state: string | null;
  licenseNumber: string | null;
  phone: string | null;
  verifiedAt: string | null;
};
export type TherapistProfileView = {
  role: "therapist";
  credentialKind: "license" | "registration" | "certification" | "none" | null;
  credentialNumber: string | null;
  credentialState: string | null;
  credentialExpiresOn: string | null;
  npi: string | null;
  specialties: string[];
  payers: string[];
  bio: string | null;
  phone: string | null;
  verifiedAt: string | null;
};
export type ProfileView =
  | PatientProfileView
  | PhysicianProfileView
  | TherapistProfileView
  | { role: "admin" };

async function loadProfile(db: Db, me: SessionUser): Promise<ProfileView> {
  if (me.role === "physician") {
    const [p] = await db.select().from(physicianProfile).where(eq(physicianProfile.userId, me.id));
    return {
      role: "physician",
      npi: p?.npi ?? null,
      practice: p?.practice ?? null,
      practiceAddress: p?.practiceAddress ?? null,
      state: p?.state ?? null,
      licenseNumber: p?.licenseNumber ?? null,
      phone: p?.phone ?? null,
      verifiedAt: isoOrNull(p?.verifiedAt),
    };
  }
  if (me.role === "therapist") {
    const [p] = await db.select().from(therapistProfile).where(eq(therapistProfile.userId, me.id));
    return {
      role: "therapist",
      credentialKind: p?.credentialKind ?? null,
      credentialNumber: p?.credentialNumber ?? null,
      credentialState: p?.credentialState ?? null,
      credentialExpiresOn: p?.credentialExpiresOn ?? null,
      npi: p?.npi ?? null,
      specialties: p?.specialties ?? [],
      payers: p?.payers ?? [],
      bio: p?.bio ?? null,
      phone: p?.phone ?? null,
      verifiedAt: isoOrNull(p?.verifiedAt),
    };
  }
  if (me.role === "patient") {
    const [p] = await db.select().from(patientProfile).where(eq(patientProfile.userId, me.id));
    return {
      role: "patient",
      dateOfBirth: p?.dateOfBirth ?? null,
      state: p?.state ?? null,
      phone: p?.phone ?? null,
      medicalConditions: p?.medicalConditions ?? [],
      medications: p?.medications ?? [],
      allergies: p?.allergies ?? [],
    };
  }
  return { role: "admin" };
}

/** Who am I, my profile, and what stands between me and using my portal fully. */
export async function getMe(db: Db, me: SessionUser, now: Date) {
  // The session's user may come from the cookie cache; the name shown must be the saved one.
  const [row] = await db
    .select({ name: user.name, timeZone: user.timeZone })
    .from(user)
    .where(eq(user.id, me.id));
  const profile = await loadProfile(db, me);
  // A patient's profile holds conditions, medications and allergies: its reads are audited like a referral's.
  if (profile.role === "patient")
    await audit(db, me, { action: "me.get", entity: "patient_profile", entityId: me.id });
  const isClinician = profile.role === "physician" || profile.role === "therapist";
  const verified = isClinician ? profile.verifiedAt !== null : true;
  const credentialFlags =
    profile.role === "therapist"
      ? therapistCredentialFlags(
          {
            credentialKind: profile.credentialKind,
            credentialExpiresOn: profile.credentialExpiresOn,
            verifiedAt: profile.verifiedAt,
          },
          todayIso(now),
        )
      : profile.role === "physician" && !verified
        ? (["not_verified"] as const)
        : [];
  return {
    user: {
      id: me.id,
      name: row?.name ?? me.name,
      email: me.email,
      role: me.role,
      timeZone: row?.timeZone ?? DEFAULT_TIME_ZONE,
    },
    profile,
    verified,
    pendingVerification: isClinician && !verified,
    profileComplete: profileComplete(profile),
    credentialFlags: [...credentialFlags],
  };
}

export async function updateProfile(db: Db, me: SessionUser, input: ProfileUpdateInput, now: Date) {
  if (input.role !== me.role) {
    throw invalidField(
      "role",
      `This account is a ${me.role} account; it cannot save a ${input.role} profile.`,
    );
  }
  await db.transaction(async (tx) => {
    await tx
      .update(user)
      .set(input.timeZone ? { name: input.name, timeZone: input.timeZone } : { name: input.name })
      .where(eq(user.id, me.id));
    if (input.role === "patient") {
      const values = {
        dateOfBirth: input.dateOfBirth,
        state: input.state,
        phone: input.phone ?? null,
        medicalConditions: input.medicalConditions,
        medications: input.medications,
        allergies: input.allergies,
      };
      await tx
        .insert(patientProfile)
        .values({ userId: me.id, ...values })
        .onConflictDoUpdate({ target: patientProfile.userId, set: values });
      await audit(tx, me, { action: "profile.update", entity: "patient_profile", entityId: me.id });
    } else if (input.role === "physician") {
      const [before] = await tx
        .select()
        .from(physicianProfile)
        .where(eq(physicianProfile.userId, me.id))
        .for("update");
      const values = {
        npi: input.npi,
        practice: input.practice,
        practiceAddress: input.practiceAddress || null,
        state: input.state,
        licenseNumber: input.licenseNumber || null,
        phone: input.phone ?? null,
      };
      const reverify = before ? credentialsChanged(before, values, PHYSICIAN_VERIFIED_FIELDS) : false;
      const set = reverify ? { ...values, verifiedAt: null, verifiedBy: null } : values;
      await tx
        .insert(physicianProfile)
        .values({ userId: me.id, ...values })
        .onConflictDoUpdate({ target: physicianProfile.userId, set });
    } else {
      const [before] = await tx
        .select()
        .from(therapistProfile)
        .where(eq(therapistProfile.userId, me.id))
        .for("update");
      const values = {
        credentialKind: input.credentialKind,
        credentialNumber: input.credentialNumber ?? null,
        credentialState: input.credentialState ?? null,
        credentialExpiresOn: input.credentialExpiresOn ?? null,
        npi: input.npi ?? null,
        specialties: input.specialties,
        payers: input.payers,
        bio: input.bio ?? null,
        phone: input.phone ?? null,
      };
      const reverify = before ? credentialsChanged(before, values, THERAPIST_VERIFIED_FIELDS) : false;
      const set = reverify ? { ...values, verifiedAt: null, verifiedBy: null } : values;
      await tx
        .insert(therapistProfile)
        .values({ userId: me.id, ...values })
        .onConflictDoUpdate({ target: therapistProfile.userId, set });
    }
  });
  return getMe(db, me, now);
}
