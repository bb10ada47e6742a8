import { type Db, patientProfile, physicianProfile, schema, therapistProfile } from "@mm/db";
import { DEFAULT_TIME_ZONE, isTimeZone, SIGNUP_ROLES } from "@mm/domain";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { twoFactor } from "better-auth/plugins";
import { accountSignInKey, consumeAttempt, forgetAttempts } from "./attempt-limit";
import { invalidTextField } from "./text-input";

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
  /** Failed sign-ins allowed per account (whatever the client address) per ACCOUNT_WINDOW_S. */
  accountSignInLimit?: number;
  /**
   * Where better-auth's own log lines go (the app's redacted logger). Only the message and the error, never its
   * free-form arguments, which can hold SQL and parameters.
   */
  log?: (level: "debug" | "info" | "warn" | "error", message: string, error?: unknown) => void;
  /** Account emails (verification, password reset). Unset: those flows are still on, their emails go nowhere. */
  accountMail?: AccountMail;
};

/** What better-auth asks the platform to email; the server wires it to @mm/mail's templates and transport. */
export type AccountMail = {
  verifyEmail(to: string, url: string): Promise<void>;
  resetPassword(to: string, url: string): Promise<void>;
  /** Someone signed up with this already registered address; `url` is the portal's forgot-password page. */
  existingAccount(to: string, url: string): Promise<void>;
};

// --- account recovery, verification and two-factor (issue 12) -------------------------------------------------
// better-auth's own flows. Verification is sent to every account at sign-up but does not block signing in: the
// portals show a banner until it is done (blocking would strand the clinicians the operator already verified).
// Failures to send are the mailer's to report; they never decide an auth response (no account enumeration).
function accountFlows(mail: AccountMail | undefined, baseURL: string) {
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
      // Sign-up answers a registered address like a new one; its owner (only) is told, in place of the
      // verification email a new address gets.
      onExistingUserSignUp: async ({ user }: { user: { email: string; role?: unknown } }) => {
        const portal = ["physician", "therapist"].includes(String(user.role)) ? user.role : "patient";
        const url = `${baseURL.replace(/\/$/, "")}/${portal}/forgot-password`;
        send(() => mail?.existingAccount(user.email, url) ?? Promise.resolve());
      },
    },
    // Backup codes encrypted like the TOTP secret (better-auth stores them as plain JSON by default).
    plugins: [
      twoFactor({ issuer: "Prescribed Massage", backupCodeOptions: { storeBackupCodes: "encrypted" } }),
    ],
  };
}
// --- end account flows ------------------------------------------------------------------------------------------

/** Window of the per-account sign-in throttle. */
const ACCOUNT_WINDOW_S = 15 * 60;

const EMAIL_LIKE = /[^\s@"'<>]+@[^\s@"'<>]+/g;
// A driver or ORM message quotes the statement and its parameters (emails, health data): never passed on.
const SQL_LIKE = /failed query|params:|\b(insert into|select .* from|update .* set|delete from)\b/i;

export function safeAuthMessage(message: unknown): string {
  const text = typeof message === "string" ? message : "better-auth error";
  if (SQL_LIKE.test(text)) return "database error";
  return text.split("\n")[0]!.slice(0, 200).replace(EMAIL_LIKE, "[email]");
}

export const CLIENT_IP_HEADER = "x-mm-client-ip";

export function createAuth(options: AuthOptions) {
  const { db } = options;
  const flows = accountFlows(options.accountMail, options.baseURL);
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
    // No auto sign-in: sign-up then answers the same for a new and an already registered email (better-auth's
    // generic duplicate response); the portal signs in right after.
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 10,
      maxPasswordLength: 128,
      autoSignIn: false,
      ...flows.passwordReset,
    },
    emailVerification: flows.emailVerification,
    plugins: flows.plugins,
    // An unexpected error is thrown to the server (its redacted logger, its JSON 500) instead of better-call's
    // console.error with the whole error and an empty body.
    onAPIError: { throw: true },
    logger: {
      level: "warn",
      log: (level, message, ...args) => {
        const error = args.find((a) => a instanceof Error);
        (options.log ?? (() => {}))(level, safeAuthMessage(message), error);
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        // Text better-auth would store or build a URL from: PostgreSQL refuses NUL, JSON refuses lone surrogates,
        // a malformed callbackURL makes it throw (each a 500 otherwise).
        const body = (ctx.body ?? {}) as Record<string, unknown>;
        const query = (ctx.query ?? {}) as Record<string, unknown>;
        for (const [field, value] of [...Object.entries(body), ...Object.entries(query)]) {
          const problem = invalidTextField(field, value);
          if (problem) throw new APIError("BAD_REQUEST", { message: problem, code: "INVALID_INPUT" });
        }
        if (ctx.path === "/sign-in/email" && typeof body.email === "string") {
          // Per account, whatever the address: a spread-out guessing run is stopped before the password check.
          const allowed = await consumeAttempt(
            db,
            accountSignInKey(body.email),
            ACCOUNT_WINDOW_S,
            options.accountSignInLimit ?? 10,
          );
          if (!allowed)
            throw new APIError("TOO_MANY_REQUESTS", {
              message: "Too many sign-in attempts for this account. Try again later.",
              code: "ACCOUNT_LOCKED",
            });
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        // A successful sign-in clears the account's failed attempts.
        if (ctx.path === "/sign-in/email" && ctx.context.newSession) {
          const email = (ctx.body as { email?: unknown } | undefined)?.email;
          if (typeof email === "string") await forgetAttempts(db, accountSignInKey(email));
        }
      }),
    },
    user: {
      additionalFields: {
        // Chosen by the portal the person signs up in; the create hook below refuses anything but the three roles.
        role: { type: "string", required: false, defaultValue: "patient", input: true },
        // The portal sends the browser's zone; anything that is not an IANA zone is stored as UTC.
        timeZone: { type: "string", required: false, defaultValue: DEFAULT_TIME_ZONE, input: true },
      },
    },
    session: {
      // No signed cookie cache: it would keep a revoked session working until the cookie expires. Reads stay fast
      // through the per-process memo in session-reader.ts, which revocation broadcasts evict.
      cookieCache: { enabled: false },
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
            const zone = (user as { timeZone?: unknown }).timeZone;
            const timeZone = typeof zone === "string" && isTimeZone(zone) ? zone : DEFAULT_TIME_ZONE;
            return { data: { ...user, role, timeZone } };
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
            if ("timeZone" in data && !(typeof data.timeZone === "string" && isTimeZone(data.timeZone))) {
              throw new APIError("BAD_REQUEST", {
                message: "timeZone: Choose a time zone such as America/New_York",
                code: "INVALID_TIME_ZONE",
              });
            }
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
