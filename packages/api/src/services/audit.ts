import { auditLog, type Db, type DbOrTx } from "@mm/db";
import DataLoader from "dataloader";
import { type SQL, sql } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { SessionUser } from "../context";
import { columnName as c } from "./sql-parts";

export type AuditEntry = {
  action: string;
  referralId?: string | null;
  entity?: string;
  entityId?: string | null;
};

type AuditRow = typeof auditLog.$inferInsert;

const MAX_BATCH = 1000;

/**
 * `insert into audit_log … select from unnest(arrays)` whatever the number of rows: the statement text never
 * changes, so it is built and planned cheaply (a VALUES list of hundreds of rows costs more to build than to run).
 * Also usable as a CTE, so a write can carry its audit row in the statement that makes the change.
 */
export function auditInsert(rows: readonly AuditRow[]): SQL {
  // One parameter per column (an array), not one per row.
  const values = <K extends keyof AuditRow>(key: K) => sql.param(rows.map((r) => r[key] ?? null));
  return sql`insert into ${auditLog} (${c(auditLog.actorId)}, ${c(auditLog.actorRole)}, ${c(auditLog.action)}, ${c(auditLog.referralId)}, ${c(auditLog.entity)}, ${c(auditLog.entityId)})
    select * from unnest(${values("actorId")}::uuid[], ${values("actorRole")}::text[], ${values("action")}::text[], ${values("referralId")}::uuid[], ${values("entity")}::text[], ${values("entityId")}::uuid[])`;
}

/** The audit rows for what `actor` did (ids and action names only). */
export function auditRows(
  actor: Pick<SessionUser, "id" | "role">,
  entries: AuditEntry | AuditEntry[],
): AuditRow[] {
  return (Array.isArray(entries) ? entries : [entries]).map((e) => ({
    actorId: actor.id,
    actorRole: actor.role,
    action: e.action,
    referralId: e.referralId ?? null,
    entity: e.entity ?? null,
    entityId: e.entityId ?? null,
  }));
}

/**
 * Reads are audited through one writer per database: rows from concurrent requests queue up while the previous
 * insert is in flight and go out together as one multi-row INSERT (one commit for many reads, like PostgreSQL's
 * own group commit). Each caller still waits for its rows to be committed, so no read is answered unaudited.
 */
const readAuditWriters = new WeakMap<Db, DataLoader<AuditRow, true>>();

function readAuditWriter(db: Db) {
  let writer = readAuditWriters.get(db);
  if (writer) return writer;
  let inFlight: Promise<unknown> | null = null;
  writer = new DataLoader<AuditRow, true>(
    async (rows) => {
      // A real promise: Drizzle's query objects run again each time something awaits them.
      const insert = Promise.resolve(db.execute(auditInsert(rows)));
      inFlight = insert;
      try {
        await insert;
      } finally {
        if (inFlight === insert) inFlight = null;
      }
      return rows.map(() => true as const);
    },
    {
      cache: false,
      maxBatchSize: MAX_BATCH,
      batchScheduleFn: (flush) => {
        if (inFlight) inFlight.then(flush, flush);
        else setImmediate(flush);
      },
    },
  );
  readAuditWriters.set(db, writer);
  return writer;
}

/**
 * Who read or wrote which referral's health data. Rows hold ids and action names, never the data itself.
 * Inside a transaction the rows commit (or roll back) with the write they describe.
 */
export async function audit(db: DbOrTx, actor: SessionUser, entries: AuditEntry | AuditEntry[]) {
  const rows = auditRows(actor, entries);
  if (rows.length === 0) return;
  if (db instanceof PgTransaction) {
    await db.execute(auditInsert(rows));
    return;
  }
  for (const result of await readAuditWriter(db as Db).loadMany(rows)) {
    if (result instanceof Error) throw result;
  }
}
