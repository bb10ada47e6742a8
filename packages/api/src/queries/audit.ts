import { auditLog } from "@mm/db";
import { type SQL, sql } from "drizzle-orm";
import { columnName as c } from "./sql-parts";

export type AuditEntry = {
  action: string;
  referralId?: string | null;
  entity?: string;
  entityId?: string | null;
};

/** A signed-in user, or the server itself (`{ id: null, role: "system" }`, e.g. the expiry job). */
type AuditActor = { id: string | null; role: string };

export type AuditRow = typeof auditLog.$inferInsert;

/**
 * `insert into audit_log … select from unnest(arrays)` whatever the number of rows: the statement text never
 * changes, so it is built and planned cheaply (a VALUES list of hundreds of rows costs more to build than to run).
 * Also usable as a CTE, so a write carries its audit row in the statement that makes the change.
 */
export function auditInsert(rows: readonly AuditRow[]): SQL {
  // One parameter per column (an array), not one per row.
  const values = <K extends keyof AuditRow>(key: K) => sql.param(rows.map((r) => r[key] ?? null));
  return sql`insert into ${auditLog} (${c(auditLog.actorId)}, ${c(auditLog.actorRole)}, ${c(auditLog.action)}, ${c(auditLog.referralId)}, ${c(auditLog.entity)}, ${c(auditLog.entityId)})
    select * from unnest(${values("actorId")}::uuid[], ${values("actorRole")}::text[], ${values("action")}::text[], ${values("referralId")}::uuid[], ${values("entity")}::text[], ${values("entityId")}::uuid[])`;
}

/** The audit rows for what `actor` did (ids and action names only). */
export function auditRows(actor: AuditActor, entries: AuditEntry | AuditEntry[]): AuditRow[] {
  return (Array.isArray(entries) ? entries : [entries]).map((e) => ({
    actorId: actor.id,
    actorRole: actor.role,
    action: e.action,
    referralId: e.referralId ?? null,
    entity: e.entity ?? null,
    entityId: e.entityId ?? null,
  }));
}
