import { type Db, patientProfile, physicianProfile, schema, therapistProfile } from "@mm/db";
import { SIGNUP_ROLES } from "@mm/domain";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { APIError } from "better-auth/api";
import { twoFactor } from "better-auth/plugins";

export type AuthOptions = {
  db: Db;
  secret: string;
  baseURL: string;
  /** Extra origins allowed to post to /api/auth (the Vite dev servers); the server's own origin is always trusted. */
  trustedOrigins?: string[];
  /** Sign-in attempts allowed per client IP per minute. */
  signInLimitPerMinute?: number;
  /** Request header the server fills with the socket's address; rate limits are keyed on it. */
  clientIpHeader?: string;
  /** Account emails (verification, password reset). Unset: those flows are still on, their emails go nowhere. */
  accountMail?: AccountMail;
};

/** What better-auth asks the platform to email; the server wires it to @mm/mail's templates and transport. */
export type AccountMail = {
  verifyEmail(to: string, url: string): Promise<void>;
  resetPassword(to: string, url: string): Promise<void>;
};

// --- account recovery, verification and two-factor (issue 12) -------------------------------------------------
// better-auth's own flows. Verification is sent to every account at sign-up but does not block signing in: the
// portals show a banner until it is done (blocking would strand the clinicians the operator already verified).
// Failures to send are the mailer's to report; they never decide an auth response (no account enumeration).
function accountFlows(mail: AccountMail | undefined) {
  const send = (fn: () => Promise<void>) => {
    void fn().catch(() => {});
  };
  return {
    emailVerification: {
      sendOnSignUp: true,
      autoSignInAfterVerification: true,
      expiresIn: 60 * 60,
      sendVerificationEmail: async ({ user, url }: { user: { email: string }; url: string }) =>
        send(() => mail?.verifyEmail(user.email, url) ?? Promise.resolve()),
    },
    passwordReset: {
      sendResetPassword: async ({ user, url }: { user: { email: string }; url: string }) =>
        send(() => mail?.resetPassword(user.email, url) ?? Promise.resolve()),
      resetPasswordTokenExpiresIn: 60 * 60,
      // A reset ends every session: whoever knew the old password is signed out too.
      revokeSessionsOnPasswordReset: true,
    },
    // Backup codes encrypted like the TOTP secret (better-auth stores them as plain JSON by default).
    plugins: [
      twoFactor({ issuer: "Prescribed Massage", backupCodeOptions: { storeBackupCodes: "encrypted" } }),
    ],
  };
}
// --- end account flows ------------------------------------------------------------------------------------------

export const CLIENT_IP_HEADER = "x-mm-client-ip";

export function createAuth(options: AuthOptions) {
  const { db } = options;
  const flows = accountFlows(options.accountMail);
  return betterAuth({
    appName: "Prescribed Massage",
    secret: options.secret,
    baseURL: options.baseURL,
    basePath: "/api/auth",
    trustedOrigins: options.trustedOrigins ?? [],
    database: drizzleAdapter(db, {
      provider: "pg",
      schema: {
        user: schema.user,
        session: schema.session,
        account: schema.account,
        verification: schema.verification,
        rateLimit: schema.rateLimit,
        twoFactor: schema.twoFactor,
      },
    }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 10,
      maxPasswordLength: 128,
      autoSignIn: true,
      ...flows.passwordReset,
    },
    emailVerification: flows.emailVerification,
    plugins: flows.plugins,
    user: {
      additionalFields: {
        // Chosen by the portal the person signs up in; the create hook below refuses anything but the three roles.
        role: { type: "string", required: false, defaultValue: "patient", input: true },
      },
    },
    session: {
      // Signed cookie cache: most requests are authorized without a session-table lookup.
      cookieCache: { enabled: true, maxAge: 5 * 60 },
    },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 300,
      customRules: {
        "/sign-in/email": { window: 60, max: options.signInLimitPerMinute ?? 5 },
        "/sign-up/email": { window: 60, max: 20 },
      },
    },
    advanced: {
      database: { generateId: "uuid" },
      ipAddress: { ipAddressHeaders: [options.clientIpHeader ?? CLIENT_IP_HEADER] },
      useSecureCookies: options.baseURL.startsWith("https://"),
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
    },
    databaseHooks: {
      user: {
        create: {
          before: async (user) => {
            const role = (user as { role?: unknown }).role ?? "patient";
            if (!SIGNUP_ROLES.includes(role as (typeof SIGNUP_ROLES)[number])) {
              throw new APIError("BAD_REQUEST", {
                message: "role must be one of: patient, physician, therapist",
                code: "INVALID_ROLE",
              });
            }
            return { data: { ...user, role } };
          },
          after: async (user) => {
            // Every account has its role's profile row from the start; clinicians start unverified.
            const role = (user as { role?: string }).role;
            if (role === "physician")
              await db.insert(physicianProfile).values({ userId: user.id }).onConflictDoNothing();
            else if (role === "therapist")
              await db.insert(therapistProfile).values({ userId: user.id }).onConflictDoNothing();
            else await db.insert(patientProfile).values({ userId: user.id }).onConflictDoNothing();
          },
        },
        update: {
          before: async (data) => {
            // Role never changes through better-auth's update-user endpoint.
            if ("role" in data) {
              throw new APIError("BAD_REQUEST", {
                message: "role cannot be changed",
                code: "ROLE_IMMUTABLE",
              });
            }
            return { data };
          },
        },
      },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;
export type AuthSession = Auth["$Infer"]["Session"];
