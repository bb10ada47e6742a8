import { type Db, physicianProfile, therapistProfile, user } from "@mm/db";
import { and, arrayContains, asc, eq, ilike, isNotNull, type SQL, sql } from "drizzle-orm";

const DIRECTORY_LIMIT = 100;

/** Escape LIKE wildcards so a search for "50%" is literal. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Verified physicians a patient can address a request to. */
export async function physicianRows(db: Db, filter: { q?: string; state?: string }) {
  const conds: SQL[] = [eq(user.role, "physician"), isNotNull(physicianProfile.verifiedAt)];
  if (filter.state) conds.push(eq(physicianProfile.state, filter.state));
  if (filter.q) {
    const pattern = `%${likeEscape(filter.q)}%`;
    conds.push(sql`(${ilike(user.name, pattern)} or ${ilike(physicianProfile.practice, pattern)})`);
  }
  return db
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
}

/** Therapists matching the filters. Uncredentialed ones are listed too: eligibility is judged per referral. */
export async function therapistRows(db: Db, filter: { state?: string; payer?: string; specialty?: string }) {
  const conds: SQL[] = [eq(user.role, "therapist")];
  if (filter.state) conds.push(eq(therapistProfile.credentialState, filter.state));
  if (filter.specialty) conds.push(arrayContains(therapistProfile.specialties, [filter.specialty]));
  if (filter.payer) {
    // Payers are free text as the therapist typed them: compare case-insensitively.
    conds.push(
      sql`exists (select 1 from unnest(${therapistProfile.payers}) p where lower(p) = lower(${filter.payer}))`,
    );
  }
  return db
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
}
