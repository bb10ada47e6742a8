import { auditLog, type DbOrTx } from "@mm/db";
import type { SessionUser } from "../context";

export type AuditEntry = {
  action: string;
  referralId?: string | null;
  entity?: string;
  entityId?: string | null;
};

/** Who read or wrote which referral's health data. Rows hold ids and action names, never the data itself. */
export async function audit(db: DbOrTx, actor: SessionUser, entries: AuditEntry | AuditEntry[]) {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  await db.insert(auditLog).values(
    list.map((e) => ({
      actorId: actor.id,
      actorRole: actor.role,
      action: e.action,
      referralId: e.referralId ?? null,
      entity: e.entity ?? null,
      entityId: e.entityId ?? null,
    })),
  );
}
