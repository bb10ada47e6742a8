import { type Db, physicianProfile, therapistProfile, user } from "@mm/db";
import { invalidField, notFound } from "@mm/domain";
import { and, asc, eq, isNull, or } from "drizzle-orm";

/** Physicians and therapists whose credentials an operator has not verified yet. */
export async function listPendingClinicians(db: Db) {
  const rows = await db
    .select({
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      npi: physicianProfile.npi,
      physicianState: physicianProfile.state,
      credentialKind: therapistProfile.credentialKind,
      credentialNumber: therapistProfile.credentialNumber,
      credentialState: therapistProfile.credentialState,
      credentialExpiresOn: therapistProfile.credentialExpiresOn,
    })
    .from(user)
    .leftJoin(physicianProfile, eq(physicianProfile.userId, user.id))
    .leftJoin(therapistProfile, eq(therapistProfile.userId, user.id))
    .where(
      or(
        and(eq(user.role, "physician"), isNull(physicianProfile.verifiedAt)),
        and(eq(user.role, "therapist"), isNull(therapistProfile.verifiedAt)),
      ),
    )
    .orderBy(asc(user.createdAt));
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    credential:
      r.role === "physician"
        ? `NPI ${r.npi ?? "(not entered)"}, ${r.physicianState ?? "no state"}`
        : `${r.credentialKind ?? "no credential entered"} ${r.credentialNumber ?? ""} ${r.credentialState ?? ""} expires ${r.credentialExpiresOn ?? "?"}`.replace(
            /\s+/g,
            " ",
          ),
  }));
}

/** Operator action: the clinician may now sign (physician) or accept referrals (therapist). */
export async function verifyClinician(db: Db, email: string, now: Date) {
  const [u] = await db.select().from(user).where(eq(user.email, email.trim().toLowerCase()));
  if (!u) throw notFound("user");
  if (u.role === "physician") {
    await db
      .insert(physicianProfile)
      .values({ userId: u.id, verifiedAt: now })
      .onConflictDoUpdate({ target: physicianProfile.userId, set: { verifiedAt: now } });
  } else if (u.role === "therapist") {
    await db
      .insert(therapistProfile)
      .values({ userId: u.id, verifiedAt: now })
      .onConflictDoUpdate({ target: therapistProfile.userId, set: { verifiedAt: now } });
  } else {
    throw invalidField(
      "email",
      `${email} is a ${u.role} account; only physicians and therapists are verified.`,
    );
  }
  return { email: u.email, role: u.role };
}
