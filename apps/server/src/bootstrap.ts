import { mkdirSync } from "node:fs";
import { type AuthOptions, createAuth } from "@mm/auth";
import { createDb } from "@mm/db";
import { databaseTarget, type Env } from "./env";
import { accountMail, mailerFromEnv } from "./mail";
import { acquireLock, releaseLock } from "./process-lock";
import { loadOrCreateSecret } from "./secret";

/** Database + auth as configured by the environment: shared by the server, the seed and the operator CLI. */
export async function bootstrap(
  env: Env,
  hooks: {
    onIdleConnectionError?: (error: Error) => void;
    onMailError?: (error: Error) => void;
    /** better-auth's log lines, into the app's redacted logger. */
    authLog?: AuthOptions["log"];
  } = {},
) {
  const target = databaseTarget(env);
  if (target.dataDir) {
    mkdirSync(target.dataDir, { recursive: true });
    acquireLock(target.dataDir);
  }
  const db = await createDb({ ...target, onIdleConnectionError: hooks.onIdleConnectionError });
  const handle = {
    ...db,
    close: async () => {
      await db.close();
      if (target.dataDir) releaseLock(target.dataDir);
    },
  };
  const baseURL = env.BETTER_AUTH_URL ?? `http://localhost:${env.PORT}`;
  const secret = env.BETTER_AUTH_SECRET ?? loadOrCreateSecret(target.dataDir!);
  const extraOrigins = (env.TRUSTED_ORIGINS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const allowedOrigins = [
    ...new Set([
      new URL(baseURL).origin,
      `http://127.0.0.1:${env.PORT}`,
      `http://localhost:${env.PORT}`,
      ...extraOrigins,
    ]),
  ];
  const mailer = mailerFromEnv(env);
  const auth = createAuth({
    db: handle.db,
    secret,
    baseURL,
    trustedOrigins: allowedOrigins,
    signInLimitPerMinute: env.AUTH_SIGN_IN_LIMIT,
    accountSignInLimit: env.AUTH_ACCOUNT_SIGN_IN_LIMIT,
    log: hooks.authLog,
    accountMail: accountMail(mailer, hooks.onMailError),
  });
  return { handle, auth, baseURL, allowedOrigins, target, mailer, secret };
}
