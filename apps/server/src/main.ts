import "./require-node";
import { serve } from "@hono/node-server";
import {
  deliverNotificationEmail,
  documents,
  expireDueReferrals,
  queueTargetFor,
  sendAppointmentReminders,
  sendDueReminders,
  setJobQueue,
} from "@mm/api";
import {
  APPOINTMENT_REMINDER_CRON,
  APPOINTMENT_REMINDER_QUEUE,
  EXPIRY_CRON,
  EXPIRY_QUEUE,
  REMINDERS_CRON,
  REMINDERS_QUEUE,
  scheduleRecurring,
  startJobQueue,
  workEmails,
} from "@mm/jobs";
import { createApp } from "./app";
import { bootstrap } from "./bootstrap";
import { loadEnv, s3Settings } from "./env";
import { authLogTo, createLogger, safeErrorFields } from "./logger";
import { missingPortalBuilds, portalDistDirs } from "./portals";

const env = loadEnv();
const logger = createLogger(env.LOG_LEVEL);

const portalDirs = env.SERVE_PORTALS === "true" ? portalDistDirs() : undefined;
const missing = portalDirs ? missingPortalBuilds(portalDirs) : [];
if (missing.length > 0) {
  console.error(
    `Portal build missing for: ${missing.join(", ")}. Run \`pnpm build\` (or \`pnpm start\`, which builds first).`,
  );
  process.exit(1);
}

const { handle, auth, baseURL, allowedOrigins, target, mailer, secret } = await bootstrap(env, {
  onIdleConnectionError: (error) =>
    logger.warn(safeErrorFields(error), "database connection dropped; the pool reconnects"),
  authLog: authLogTo(logger),
  // Never the address or the link: class and code only.
  onMailError: (error) => logger.error(safeErrorFields(error), "account email could not be sent"),
});
const s3 = s3Settings(env);
const app = createApp({
  deps: {
    db: handle.db,
    auth,
    notifier: handle.notifier,
    ...(s3 ? { fileStore: documents.s3FileStore(s3) } : {}),
  },
  logger,
  allowedOrigins,
  portalDirs,
  trustedProxies: env.TRUSTED_PROXIES,
  callsPerMinute: env.TRPC_CALLS_PER_MINUTE,
  mailSecret: secret,
});

// The job queue (pg-boss) lives in the same database; this process also works the email jobs.
const jobs = await startJobQueue(queueTargetFor(handle), {
  onError: (error) => logger.warn(safeErrorFields(error), "job queue maintenance failed; it retries"),
});
// Every change's notifications queue their emails on it, in the change's own transaction.
setJobQueue(jobs);
await workEmails(jobs, (notificationId) =>
  deliverNotificationEmail({ db: handle.db, mailer, baseUrl: baseURL, secret }, notificationId),
);

const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  logger.info({ port: info.port, database: handle.kind }, "server listening");
  console.warn(
    `Prescribed Massage is running at ${baseURL}/  (database: ${handle.kind === "pglite" ? `embedded, ${target.dataDir}` : "PostgreSQL"})`,
  );
});

// Prescriptions that pass their expiry without renewal end the treatment phase: hourly and at start, once across
// all instances, on the job queue's scheduler (failures retried; runs recorded in the queue).
await scheduleRecurring(
  jobs,
  EXPIRY_QUEUE,
  EXPIRY_CRON,
  async () => {
    const n = await expireDueReferrals(handle.db, new Date());
    if (n > 0) logger.info({ expired: n }, "expired referrals");
    return { expired: n };
  },
  { runAtStart: true },
);
// Reminders (expiring in 7 days, renewal due, progress report due, plan waiting 2 days): hourly and at start, once
// across all instances; each occurrence is sent once however often the job runs.
await scheduleRecurring(
  jobs,
  REMINDERS_QUEUE,
  REMINDERS_CRON,
  async () => {
    const run = await sendDueReminders(handle.db, new Date());
    if (run.sent > 0) logger.info({ reminders: run.sent }, "sent reminders");
    return run;
  },
  { runAtStart: true },
);
// Appointment reminders 24 hours ahead (in-app and email per preferences), once each, across all instances.
await scheduleRecurring(
  jobs,
  APPOINTMENT_REMINDER_QUEUE,
  APPOINTMENT_REMINDER_CRON,
  async () => ({ reminded: await sendAppointmentReminders(handle.db, new Date()) }),
  { runAtStart: true },
);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  // Stop accepting, give in-flight requests a moment, then cut long-lived SSE streams.
  server.close();
  const force = setTimeout(
    () => (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.(),
    3000,
  );
  force.unref();
  await new Promise((r) => setTimeout(r, 200));
  (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
  await jobs.stop({ graceful: true, timeout: 2000 }).catch(() => {});
  await handle.close().catch(() => {});
  mailer.close();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
