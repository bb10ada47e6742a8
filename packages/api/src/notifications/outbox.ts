import type { Db, DbOrTx } from "@mm/db";
import { enqueueEmails, type PgBoss, type QueueTarget } from "@mm/jobs";
import { sql } from "drizzle-orm";

/**
 * Queues the email of each new notification in the write's own transaction (pass the ids the notification insert
 * returned). Kinds a person switched off are skipped at send time, so a late change of mind is honoured too.
 */
export function enqueueNotificationEmails(boss: PgBoss, tx: DbOrTx, notificationIds: readonly string[]) {
  return enqueueEmails(boss, tx, sql, notificationIds);
}

let processQueue: PgBoss | null = null;

/**
 * The job queue this process enqueues notification emails on (set once by the server at start; tests that start
 * no queue leave it unset, and notifications are then in-app only). One process has one queue.
 */
export function setJobQueue(boss: PgBoss | null) {
  processQueue = boss;
}
export const jobQueue = () => processQueue;

/** Where the queue lives: the same database as everything else (a direct URL on PostgreSQL, for its sessions). */
export function queueTargetFor(
  handle: { db: Db; kind: "pglite" | "postgres" },
  directUrl?: string,
): QueueTarget {
  if (handle.kind === "pglite") return { kind: "pglite", db: handle.db };
  const url =
    directUrl ??
    (handle.db as unknown as { $client: { options: { connectionString: string } } }).$client.options
      .connectionString;
  return { kind: "postgres", connectionString: url };
}
