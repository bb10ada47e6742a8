import { type Db, patientProfile, physicianProfile, schema, therapistProfile } from "@mm/db";
import { DEFAULT_TIME_ZONE, isTimeZone, SIGNUP_ROLES } from "@mm/domain";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { APIError } from "better-auth/api";

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
};

export const CLIENT_IP_HEADER = "x-mm-client-ip";

export function createAuth(options: AuthOptions) {
  const { db } = options;
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
      },
    }),
    emailAndPassword: { enabled: true, minPasswordLength: 10, maxPasswordLength: 128, autoSignIn: true },
    user: {
      additionalFields: {
        // Chosen by the portal the person signs up in; the create hook below refuses anything but the three roles.
        role: { type: "string", required: false, defaultValue: "patient", input: true },
        // The portal sends the browser's zone; anything that is not an IANA zone is stored as UTC.
        timeZone: { type: "string", required: false, defaultValue: DEFAULT_TIME_ZONE, input: true },
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
