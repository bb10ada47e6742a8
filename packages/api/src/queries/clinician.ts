import { type DbOrTx, physicianProfile, therapistProfile, user } from "@mm/db";
import { and, eq, isNotNull } from "drizzle-orm";
import type { SessionUser } from "../context";

/** Whether the clinician's credentials were verified by an operator (required to sign or accept). */
export async function isVerified(db: DbOrTx, me: Pick<SessionUser, "id" | "role">) {
  const table = me.role === "physician" ? physicianProfile : therapistProfile;
  const [row] = await db
    .select({ ok: isNotNull(table.verifiedAt) })
    .from(table)
    .where(eq(table.userId, me.id));
  return row?.ok === true;
}

/** A physician a request can be addressed to, with when they were verified (null: not yet). */
export async function physicianForRequest(db: DbOrTx, physicianId: string) {
  const [physician] = await db
    .select({ id: user.id, verifiedAt: physicianProfile.verifiedAt })
    .from(user)
    .innerJoin(physicianProfile, eq(physicianProfile.userId, user.id))
    .where(and(eq(user.id, physicianId), eq(user.role, "physician")));
  return physician ?? null;
}

/** A therapist's standing now: verification can be withdrawn and a credential can expire mid-treatment. */
export async function therapistStanding(db: DbOrTx, therapistId: string) {
  const [row] = await db
    .select({
      verifiedAt: therapistProfile.verifiedAt,
      credentialExpiresOn: therapistProfile.credentialExpiresOn,
    })
    .from(therapistProfile)
    .where(eq(therapistProfile.userId, therapistId));
  return row ?? { verifiedAt: null, credentialExpiresOn: null };
}
