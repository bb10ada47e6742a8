import { fromDrizzle, fromPglite, type PGliteLike, PgBoss } from "pg-boss";

/**
 * The platform's job queue: pg-boss on the platform's own database. On PostgreSQL it keeps its own small pool (a
 * direct session connection string); on the embedded PGlite it runs through pg-boss's PGlite adapter on the same
 * single connection, in the same process. Jobs are enqueued inside the caller's transaction (pg-boss's Drizzle
 * adapter), so a job commits or rolls back with the change that caused it, and a crash after commit leaves it
 * queued for the next start: the transactional outbox with no table of our own.
 */
export type QueueTarget =
  | {
      kind: "pglite" /** the Drizzle database over PGlite (its `$client` is the PGlite instance) */;
      db: unknown;
    }
  | { kind: "postgres"; connectionString: string };

export const EMAIL_QUEUE = "notification-email";
/** Jobs that failed every retry are copied here and never worked: `pnpm admin mail --failed` lists them. */
export const EMAIL_FAILED_QUEUE = "notification-email-failed";

export type EmailJob = { notificationId: string };

export type RetryPolicy = { limit: number; delaySeconds: number };

/** A day's worth of retries with exponential backoff (30 s, 1 min, 2 min … capped at an hour). */
export const EMAIL_RETRY: RetryPolicy = { limit: 10, delaySeconds: 30 };

export async function startJobQueue(
  target: QueueTarget,
  options: { retry?: RetryPolicy; onError?: (error: Error) => void } = {},
): Promise<PgBoss> {
  const boss =
    target.kind === "pglite"
      ? new PgBoss({ db: fromPglite((target.db as { $client: PGliteLike }).$client), backend: "pglite" })
      : new PgBoss({ connectionString: target.connectionString, max: 4 });
  // Maintenance errors (a dropped connection…) are reported, never thrown into the process.
  boss.on("error", (error) => options.onError?.(error));
  await boss.start();
  const retry = options.retry ?? EMAIL_RETRY;
  await boss.createQueue(EMAIL_FAILED_QUEUE, { retentionSeconds: 60 * 60 * 24 * 365 });
  await boss.createQueue(EMAIL_QUEUE, {
    retryLimit: retry.limit,
    retryDelay: retry.delaySeconds,
    retryBackoff: true,
    retryDelayMax: 60 * 60,
    deadLetter: EMAIL_FAILED_QUEUE,
  });
  return boss;
}

/** Structural types of a Drizzle transaction and its `sql` tag (no drizzle-orm import here). */
type DrizzleTx = Parameters<typeof fromDrizzle>[0];
type DrizzleSql = Parameters<typeof fromDrizzle>[1];

/** Queues one email job per notification inside the caller's open transaction. */
export async function enqueueEmails(
  boss: PgBoss,
  tx: unknown,
  sql: unknown,
  notificationIds: readonly string[],
): Promise<void> {
  if (notificationIds.length === 0) return;
  await boss.insert(
    EMAIL_QUEUE,
    notificationIds.map((notificationId) => ({ data: { notificationId } satisfies EmailJob })),
    { db: fromDrizzle(tx as DrizzleTx, sql as DrizzleSql) },
  );
}

/** The worker: one delivery per job; a throw makes pg-boss retry it with backoff, then dead-letter it. */
export async function workEmails(
  boss: PgBoss,
  deliver: (notificationId: string) => Promise<string>,
  options: { pollingIntervalSeconds?: number } = {},
): Promise<string> {
  return boss.work<EmailJob>(
    EMAIL_QUEUE,
    { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2, batchSize: 1 },
    async ([job]) => (job ? { result: await deliver(job.data.notificationId) } : null),
  );
}

export type FailedEmail = { jobId: string; notificationId: string; failedAt: Date };

/** Deliveries that failed every retry, oldest first (kept in the dead-letter queue, not lost). */
export async function listFailedEmails(boss: PgBoss): Promise<FailedEmail[]> {
  const jobs = await boss.findJobs<EmailJob>(EMAIL_FAILED_QUEUE, { limit: 1000 });
  return jobs.map((j) => ({ jobId: j.id, notificationId: j.data.notificationId, failedAt: j.createdOn }));
}

export type { PgBoss };

/**
 * A job that runs on a cron schedule once across every server instance (pg-boss's scheduler takes a lock, and a
 * "stately" queue holds at most one waiting and one running job), retried on failure, its runs recorded in the
 * queue's job table. `runAtStart` also queues a run now: N instances starting together still queue one.
 */
export async function scheduleRecurring(
  boss: PgBoss,
  name: string,
  cron: string,
  run: () => Promise<unknown>,
  options: { runAtStart?: boolean; pollingIntervalSeconds?: number } = {},
): Promise<void> {
  await boss.createQueue(name, {
    policy: "stately",
    retryLimit: 3,
    retryDelay: 60,
    retryBackoff: true,
    // Runs stay on record for a month (`pnpm admin jobs`).
    deleteAfterSeconds: RUN_RECORD_SECONDS,
  });
  await boss.schedule(name, cron, null, { missed: "once" });
  await boss.work(name, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async () => ({
    result: await run(),
  }));
  // One start-up run per 10-minute slot, however many instances (re)start in it.
  if (options.runAtStart) await boss.send(name, null, { singletonKey: "start", singletonSeconds: 600 });
}

/** Prescriptions past expiry without renewal end the treatment phase: checked hourly (and at start). */
export const EXPIRY_QUEUE = "expire-referrals";
export const EXPIRY_CRON = "0 * * * *";

/** Reminders due (expiring in 7 days, renewal due, progress report due, plan waiting 2 days): hourly, at :15. */
export const REMINDERS_QUEUE = "send-reminders";
export const REMINDERS_CRON = "15 * * * *";

/** 24-hour appointment reminders: every 10 minutes (each appointment is reminded once, see the API's service). */
export const APPOINTMENT_REMINDER_QUEUE = "appointment-reminders";
export const APPOINTMENT_REMINDER_CRON = "*/10 * * * *";

/** Every scheduled job, for the operator's listing. */
export const SCHEDULED_QUEUES = [EXPIRY_QUEUE, REMINDERS_QUEUE, APPOINTMENT_REMINDER_QUEUE] as const;

const RUN_RECORD_SECONDS = 60 * 60 * 24 * 30;

export type JobRun = {
  queue: string;
  id: string;
  state: string;
  createdOn: Date;
  completedOn: Date | null;
  retryCount: number;
  output: unknown;
};

/** The recorded runs of the scheduled jobs (pg-boss's job table), newest first. */
export async function listScheduledRuns(boss: PgBoss, limit = 50): Promise<JobRun[]> {
  const runs: JobRun[] = [];
  for (const queue of SCHEDULED_QUEUES) {
    if (!(await boss.getQueue(queue))) continue;
    for (const j of await boss.findJobs(queue, { limit: 100_000 })) {
      runs.push({
        queue,
        id: j.id,
        state: j.state,
        createdOn: j.createdOn,
        completedOn: j.completedOn,
        retryCount: j.retryCount,
        output: j.output,
      });
    }
  }
  return runs.sort((a, b) => b.createdOn.getTime() - a.createdOn.getTime()).slice(0, limit);
}
