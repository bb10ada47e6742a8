import { randomBytes, randomUUID } from "node:crypto";
import { CLIENT_IP_HEADER, createAuth } from "@mm/auth";
import { physicianProfile, therapistProfile, user } from "@mm/db";
import { createTestDb, type TestDb } from "@mm/db/testing";
import type {
  PatientProfileInput,
  PhysicianProfileInput,
  ProfileUpdateInput,
  SignupRole,
  TherapistProfileInput,
} from "@mm/domain";
import { eq } from "drizzle-orm";
import { type Context, createContext } from "../context";
import { appRouter } from "../router";
import { createCallerFactory } from "../trpc";

const createCaller = createCallerFactory(appRouter);
export type Caller = ReturnType<typeof createCaller>;

/**
 * A real stack for integration tests: migrated database (PGlite or PostgreSQL), real better-auth (sign-up writes
 * real users, sessions come from real cookies) and the real tRPC router through its caller.
 */
export async function createTestApi(target: "pglite" | "postgres", options: { now?: () => Date } = {}) {
  const handle: TestDb = await createTestDb(target);
  const auth = createAuth({
    db: handle.db,
    secret: "test-secret-test-secret-test-secret-42",
    baseURL: "http://localhost:3000",
  });
  const deps = { db: handle.db, auth, notifier: handle.notifier, now: options.now };

  async function callerFor(headers: Headers): Promise<{ caller: Caller; ctx: Context }> {
    const ctx = await createContext(deps, headers);
    return { caller: createCaller(ctx), ctx };
  }

  /** Signs up through better-auth's own endpoint handler and returns a caller carrying that session's cookies. */
  async function signUp(
    role: SignupRole | "admin" | undefined,
    overrides: { email?: string; name?: string } = {},
  ) {
    // Unique without a module-level counter, so no test depends on how many users others signed up before it.
    const tag = randomUUID().slice(0, 8);
    const email = overrides.email ?? `user-${tag}@test.example`;
    const body: Record<string, unknown> = {
      email,
      password: "correct-horse-battery",
      name: overrides.name ?? `Test ${role ?? "user"} ${tag}`,
    };
    if (role !== undefined) body.role = role;
    const res = await auth.handler(
      new Request("http://localhost:3000/api/auth/sign-up/email", {
        method: "POST",
        // Each test user signs up from its own address, as real users do; the per-IP rate limits stay on.
        headers: {
          "content-type": "application/json",
          origin: "http://localhost:3000",
          [CLIENT_IP_HEADER]: `10.${[...randomBytes(3)].join(".")}`,
        },
        body: JSON.stringify(body),
      }),
    );
    if (res.status !== 200)
      throw Object.assign(new Error(`sign-up failed: ${res.status} ${await res.text()}`), {
        status: res.status,
      });
    const json = (await res.json()) as { user: { id: string; email: string; role: string } };
    // Sign-up never signs in (it answers alike for registered emails): sign in as the portal does.
    const signedIn = await auth.handler(
      new Request("http://localhost:3000/api/auth/sign-in/email", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          origin: "http://localhost:3000",
          [CLIENT_IP_HEADER]: `10.${[...randomBytes(3)].join(".")}`,
        },
        body: JSON.stringify({ email, password: body.password }),
      }),
    );
    if (signedIn.status !== 200)
      throw Object.assign(new Error(`sign-up failed: sign-in ${signedIn.status}`), {
        status: signedIn.status,
      });
    const cookie = signedIn.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const { caller } = await callerFor(new Headers({ cookie }));
    return { caller, user: json.user, cookie, email };
  }

  async function verify(userId: string) {
    await handle.db
      .update(physicianProfile)
      .set({ verifiedAt: new Date() })
      .where(eq(physicianProfile.userId, userId));
    await handle.db
      .update(therapistProfile)
      .set({ verifiedAt: new Date() })
      .where(eq(therapistProfile.userId, userId));
  }

  /** A signed-up, verified clinician (or patient) with a complete profile. */
  async function member(profile: ProfileUpdateInput, opts: { verified?: boolean; twoFactor?: boolean } = {}) {
    const m = await signUp(profile.role, { name: profile.name });
    await m.caller.profile.update(profile);
    // Physicians sign only with two-factor sign-in on; enrolment itself is tested over HTTP (apps/server).
    if (profile.role === "physician" && (opts.twoFactor ?? true)) {
      await handle.db.update(user).set({ twoFactorEnabled: true }).where(eq(user.id, m.user.id));
    }
    if (opts.verified ?? true) await verify(m.user.id);
    return m;
  }

  const anonymous = createCaller(await createContext(deps, new Headers()));

  return {
    handle,
    db: handle.db,
    auth,
    deps,
    signUp,
    member,
    verify,
    anonymous,
    callerFor,
    close: () => handle.close(),
  };
}

export type TestApi = Awaited<ReturnType<typeof createTestApi>>;

export const SAMPLE = {
  patient: (name = "Pat Patient"): PatientProfileInput => ({
    role: "patient",
    name,
    dateOfBirth: "1980-02-03",
    state: "CA",
    medicalConditions: ["Low back pain"],
    medications: ["Ibuprofen"],
    allergies: [],
  }),
  physician: (name = "Dr. Test", state: "CA" | "NY" = "CA"): PhysicianProfileInput => ({
    role: "physician",
    name,
    npi: "1234567893",
    practice: "Test Clinic",
    state,
  }),
  therapist: (
    name = "Terry Therapist",
    overrides: Partial<TherapistProfileInput> = {},
  ): TherapistProfileInput => ({
    role: "therapist",
    name,
    credentialKind: "license",
    credentialNumber: "LMT-1",
    credentialState: "CA",
    credentialExpiresOn: "2030-12-31",
    npi: "1245319599",
    specialties: ["medical"],
    payers: ["Aetna"],
    ...overrides,
  }),
};
