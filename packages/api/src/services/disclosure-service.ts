import type { Db } from "@mm/db";
import { DISCLOSURE_ROLE_LABELS, disclosureChanged, disclosureLabel, type MyRecordInput } from "@mm/domain";
import type { SessionUser } from "../context";
import { disclosuresOf } from "../queries/disclosure";
import { decodeCursor, encodeCursor } from "./cursor";
import { iso, isoOrNull } from "./dates";

/**
 * The patient's accounting of disclosures: who (name, role) viewed or changed their record, when and what, newest
 * first. Reading it is not itself audited: it shows the trail, not health data.
 */
export async function myRecordDisclosures(db: Db, me: SessionUser, input: MyRecordInput) {
  const cursor = input.cursor ? decodeCursor(input.cursor) : null;
  const rows = await disclosuresOf(db, me.id, input.limit + 1, cursor);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      at: iso(r.createdAt),
      who: r.actorName ?? (r.actorRole === "system" ? "Prescribed Massage" : "A former user"),
      role: r.actorRole,
      roleLabel: DISCLOSURE_ROLE_LABELS[r.actorRole] ?? r.actorRole,
      what: disclosureLabel(r.action),
      changed: disclosureChanged(r.action),
      referralId: r.referralId,
      referralCreatedAt: isoOrNull(r.referralCreatedAt),
    })),
    nextCursor: rows.length > input.limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}
