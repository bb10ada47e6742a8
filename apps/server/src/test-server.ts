import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { serve } from "@hono/node-server";
import { createAuth } from "@mm/auth";
import type { DbHandle } from "@mm/db";
import { createTestDb } from "@mm/db/testing";
import { createMailer } from "@mm/mail";
import { type AppOptions, createApp } from "./app";
import { authLogTo, createLogger, type Logger } from "./logger";
import { accountMail } from "./mail";

/** The real Hono app on a real socket (port 0) over a fresh test database, for HTTP-level tests. */
export async function startTestServer(
  target: "pglite" | "postgres",
  options: {
    signInLimit?: number;
    accountSignInLimit?: number;
    trustedProxies?: string;
    callsPerMinute?: number;
    logger?: Logger;
    portalDirs?: AppOptions["portalDirs"];
    smtpUrl?: string;
    /** A database the test opened itself (closed with the server); else a fresh test database of `target`. */
    database?: DbHandle;
    /** The clock the API reads (`ctx.now`): a test that needs a day to pass moves it. */
    now?: () => Date;
  } = {},
) {
  const handle = options.database ?? (await createTestDb(target));
  // The origin is known only after listening; auth and the app read it from this object lazily.
  const server = serve({ fetch: (req, env) => app.fetch(req, env), port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const logger = options.logger ?? createLogger(process.env.TEST_LOG_LEVEL ?? "silent");
  const secret = "test-secret-test-secret-test-secret-42";
  const auth = createAuth({
    db: handle.db,
    secret,
    baseURL: origin,
    trustedOrigins: [origin],
    signInLimitPerMinute: options.signInLimit ?? 5,
    accountSignInLimit: options.accountSignInLimit,
    log: authLogTo(logger),
    // Tests that read account emails pass a real SMTP test server (@mm/mail/testing).
    accountMail: options.smtpUrl
      ? accountMail(createMailer({ smtpUrl: options.smtpUrl, from: "no-reply@massage.test", mailDir: "" }))
      : undefined,
  });
  const deps = { db: handle.db, auth, notifier: handle.notifier, now: options.now };
  const app = createApp({
    deps,
    logger,
    allowedOrigins: [origin],
    trustedProxies: options.trustedProxies,
    callsPerMinute: options.callsPerMinute,
    portalDirs: options.portalDirs,
    mailSecret: secret,
  });
  return {
    origin,
    secret,
    db: handle.db,
    deps,
    close: async () => {
      await new Promise((r) => server.close(r));
      await handle.close();
    },
  };
}

/** An info-level logger whose output the test reads back (`text()`), to check what reached the log. */
export function capturedLog() {
  let text = "";
  const sink = new Writable({
    write(chunk, _enc, done) {
      text += chunk;
      done();
    },
  });
  return { logger: createLogger("info", sink), text: () => text };
}
