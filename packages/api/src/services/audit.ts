import type { Db } from "@mm/db";
import DataLoader from "dataloader";
import type { SessionUser } from "../context";
import { type AuditEntry, type AuditRow, auditInsert, auditRows } from "../queries/audit";

const MAX_BATCH = 1000;

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
 * Who read which referral's health data. Rows hold ids and action names, never the data itself. (A write's audit
 * row goes out with the write, in the write path's closing statement.)
 */
export async function audit(db: Db, actor: SessionUser, entries: AuditEntry | AuditEntry[]) {
  const rows = auditRows(actor, entries);
  if (rows.length === 0) return;
  for (const result of await readAuditWriter(db).loadMany(rows)) {
    if (result instanceof Error) throw result;
  }
}
