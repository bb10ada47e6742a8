import { type Db, physicianProfile, therapistProfile, user } from "@mm/db";
import { and, arrayContains, asc, eq, ilike, isNotNull, or, type SQL, sql } from "drizzle-orm";
import { isoOrNull } from "./dates";

const DIRECTORY_LIMIT = 100;

/** Escape LIKE wildcards so a search for "50%" is literal. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Verified physicians a patient can address a request to. */
export async function listPhysicians(db: Db, filter: { q?: string; state?: string }) {
  const conds: SQL[] = [eq(user.role, "physician"), isNotNull(physicianProfile.verifiedAt)];
  if (filter.state) conds.push(eq(physicianProfile.state, filter.state));
  if (filter.q) {
    const pattern = `%${likeEscape(filter.q)}%`;
    conds.push(or(ilike(user.name, pattern), ilike(physicianProfile.practice, pattern))!);
  }
  const rows = await db
    .select({
      id: user.id,
      name: user.name,
      practice: physicianProfile.practice,
      state: physicianProfile.state,
      npi: physicianProfile.npi,
    })
    .from(user)
    .innerJoin(physicianProfile, eq(physicianProfile.userId, user.id))
    .where(and(...conds))
    .orderBy(asc(user.name))
    .limit(DIRECTORY_LIMIT);
  return rows;
}

export type TherapistDirectoryRow = Awaited<ReturnType<typeof listTherapistRows>>[number];

/** Therapists matching the filters. Uncredentialed ones are listed too: eligibility is judged per referral. */
export async function listTherapistRows(
  db: Db,
  filter: { state?: string; payer?: string; specialty?: string },
) {
  const conds: SQL[] = [eq(user.role, "therapist")];
  if (filter.state) conds.push(eq(therapistProfile.credentialState, filter.state));
  if (filter.specialty) conds.push(arrayContains(therapistProfile.specialties, [filter.specialty]));
  if (filter.payer) {
    // Payers are free text as the therapist typed them: compare case-insensitively.
    conds.push(
      sql`exists (select 1 from unnest(${therapistProfile.payers}) p where lower(p) = lower(${filter.payer}))`,
    );
  }
  const rows = await db
    .select({
      id: user.id,
      name: user.name,
      credentialKind: therapistProfile.credentialKind,
      credentialNumber: therapistProfile.credentialNumber,
      credentialState: therapistProfile.credentialState,
      credentialExpiresOn: therapistProfile.credentialExpiresOn,
      npi: therapistProfile.npi,
      specialties: therapistProfile.specialties,
      payers: therapistProfile.payers,
      bio: therapistProfile.bio,
      verifiedAt: therapistProfile.verifiedAt,
    })
    .from(user)
    .innerJoin(therapistProfile, eq(therapistProfile.userId, user.id))
    .where(and(...conds))
    .orderBy(asc(user.name))
    .limit(DIRECTORY_LIMIT);
  return rows.map((r) => ({ ...r, verifiedAt: isoOrNull(r.verifiedAt), verified: r.verifiedAt !== null }));
}
