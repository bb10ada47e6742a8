import type { ApiDeps } from "@mm/api";
import { updateProfileAsUser } from "@mm/api";
import { type Auth, importTotpSecret } from "@mm/auth";
import { type Db, physicianProfile, therapistProfile, user } from "@mm/db";
import type { ProfileUpdateInput } from "@mm/domain";
import { eq } from "drizzle-orm";
import {
  DEMO_PASSWORD,
  DEMO_PATIENT,
  DEMO_PHYSICIANS,
  DEMO_THERAPISTS,
  DEMO_TOTP_SECRET,
} from "./demo-accounts";
import { seedDemoReferrals } from "./demo-referrals";

type SeededUser = { id: string; email: string; role: string };

/** Creates the account through better-auth (so the password hash is real) unless it already exists. */
async function ensureAccount(
  db: Db,
  auth: Auth,
  email: string,
  name: string,
  role: string,
): Promise<SeededUser> {
  const [existing] = await db
    .select({ id: user.id, email: user.email, role: user.role })
    .from(user)
    .where(eq(user.email, email));
  if (existing) return existing;
  const res = await auth.api.signUpEmail({ body: { email, name, password: DEMO_PASSWORD, role } });
  return { id: res.user.id, email, role };
}

/** Idempotent: running it twice leaves the same accounts and no duplicates. */
export async function seedDemo(deps: ApiDeps & { auth: Auth }, now: Date) {
  const { db, auth } = deps;
  const accounts = [DEMO_PATIENT, ...DEMO_PHYSICIANS, ...DEMO_THERAPISTS];
  const users: Record<string, SeededUser> = {};
  for (const a of accounts) {
    const u = await ensureAccount(db, auth, a.email, a.name, a.role);
    users[a.email] = u;
    await updateProfileAsUser(
      db,
      { id: u.id, email: a.email, name: a.name, role: a.role },
      a.profile as ProfileUpdateInput,
      now,
    );
    if (a.verified && a.role === "physician") {
      await db.update(physicianProfile).set({ verifiedAt: now }).where(eq(physicianProfile.userId, u.id));
    }
    if (a.role === "physician") await importTotpSecret(auth, db, u.id, DEMO_TOTP_SECRET);
    // Demo addresses receive no mail: mark them confirmed so no banner asks for it.
    await db.update(user).set({ emailVerified: true }).where(eq(user.id, u.id));
    if (a.verified && a.role === "therapist") {
      await db.update(therapistProfile).set({ verifiedAt: now }).where(eq(therapistProfile.userId, u.id));
    }
  }
  const party = (a: { email: string; name: string; role: "patient" | "physician" | "therapist" }) => ({
    id: users[a.email]!.id,
    email: a.email,
    name: a.name,
    role: a.role,
  });
  await seedDemoReferrals(deps, {
    patient: party(DEMO_PATIENT),
    physician: party(DEMO_PHYSICIANS[0]!),
    therapist: party(DEMO_THERAPISTS[0]!),
  });
  return users;
}
