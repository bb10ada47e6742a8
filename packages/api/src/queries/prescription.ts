import { type DbOrTx, physicianProfile, prescription, referral, user } from "@mm/db";
import { type AnyColumn, and, eq, getTableColumns, lt, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";

export type PrescriptionRow = typeof prescription.$inferSelect;

export const prescriptionColumns = getTableColumns(prescription);

const renewal = alias(prescription, "renewal");

/**
 * THE prescription in force among a referral's: the one no renewal supersedes, i.e. the tip of the renewal chain.
 * Renewals are written under the referral's lock, each linking to the tip it read, so the chain follows commit
 * order (created_at is the transaction's start, and concurrent renewals commit in another order).
 */
export function inForce(referralId: AnyColumn | SQL | string): SQL {
  return sql`${eq(prescription.referralId, referralId)} and not exists (select 1 from ${prescription} ${renewal} where ${renewal.previousPrescriptionId} = ${prescription.id})`;
}

/** The prescription in force, or null when the referral has none yet. */
export async function prescriptionInForce(db: DbOrTx, referralId: string): Promise<PrescriptionRow | null> {
  const [rx] = await db.select().from(prescription).where(inForce(referralId)).limit(1);
  return rx ?? null;
}

/** A referral's prescriptions in renewal order (the original first, the one in force last). */
export function chainOrder<P extends { id: string; previousPrescriptionId: string | null }>(rows: P[]): P[] {
  const byPrevious = new Map(rows.map((p) => [p.previousPrescriptionId, p]));
  const out: P[] = [];
  for (let p = byPrevious.get(null); p && out.length < rows.length; p = byPrevious.get(p.id)) out.push(p);
  return out;
}

/**
 * Active referrals whose prescription in force ended before `today` (candidates, re-checked under their lock). Reads
 * the partial index of active referrals by last valid day: proportional to what is due, not to every active row.
 */
export async function referralsPastExpiry(db: DbOrTx, today: string) {
  return db
    .select({ id: referral.id })
    .from(referral)
    .where(and(eq(referral.status, "active"), lt(referral.prescriptionExpiresOn, today)));
}

export async function prescriptionById(db: DbOrTx, id: string): Promise<PrescriptionRow | null> {
  const [rx] = await db.select().from(prescription).where(eq(prescription.id, id));
  return rx ?? null;
}

/** The signing physician's NPI and name as saved now (the session's copy of the name can be minutes old). */
export async function signerOf(db: DbOrTx, physicianId: string) {
  const [profile] = await db
    .select({ npi: physicianProfile.npi, name: user.name })
    .from(physicianProfile)
    .innerJoin(user, eq(user.id, physicianProfile.userId))
    .where(eq(physicianProfile.userId, physicianId));
  return profile ?? null;
}

export async function insertPrescription(db: DbOrTx, row: typeof prescription.$inferInsert) {
  const [saved] = await db.insert(prescription).values(row).returning();
  if (!saved) throw new Error("the prescription was not stored");
  return saved;
}
