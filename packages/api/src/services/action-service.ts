import type { Db } from "@mm/db";
import { type ActionKind, actionsFor } from "@mm/domain";
import type { SessionUser } from "../context";
import { actionFacts } from "../queries/actions";
import { audit } from "./audit";

export type ActionListItem = { kind: ActionKind; referralId: string; name: string };

/**
 * "Needs your action" on the caller's home page: the domain decides what each open referral asks of them; each
 * item names the other party (the patient for clinicians, the physician for patients), so its read is audited.
 */
export async function listActions(db: Db, me: SessionUser, now: Date): Promise<{ items: ActionListItem[] }> {
  if (me.role === "admin") return { items: [] };
  const facts = await actionFacts(db, me);
  const byId = new Map(facts.map((f) => [f.referralId, f]));
  const items = actionsFor(me.role, facts, now).flatMap((a) => {
    const f = byId.get(a.referralId);
    return f ? [{ ...a, name: me.role === "patient" ? f.physicianName : f.patientName }] : [];
  });
  const referralIds = [...new Set(items.map((i) => i.referralId))];
  if (referralIds.length > 0)
    await audit(
      db,
      me,
      referralIds.map((referralId) => ({ action: "notification.actions", referralId, entity: "referral" })),
    );
  return { items };
}
