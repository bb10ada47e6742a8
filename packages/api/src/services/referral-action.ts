import { type Db, referral, type Tx } from "@mm/db";
import {
  ACTION_EVENT_TYPES,
  assertReferralVersion,
  type ReferralAction,
  type ReferralStatus,
  type TimelineEventType,
  transition,
} from "@mm/domain";
import { eq } from "drizzle-orm";
import type { SessionUser } from "../context";
import { audit } from "./audit";
import { loadReferral, type ReferralRow } from "./referral-access";
import { appendEvent } from "./timeline";

export type ActionOutcome<T> = {
  /** Columns to change besides status/version. */
  patch?: Partial<Pick<ReferralRow, "therapistId" | "closedReason">>;
  event?: { type?: TimelineEventType; data?: Record<string, unknown> };
  /** System events that follow the action's own (e.g. a warning threshold crossed). */
  followUps?: { type: TimelineEventType; data: Record<string, unknown> }[];
  result?: T;
};

/**
 * Every referral action goes through here: lock the row (which also checks it is the caller's), check the page
 * was not stale, ask the domain state machine for the next status, let the action do its own writes, then write
 * status + version + timeline event + audit row, all in one transaction.
 */
export async function runReferralAction<T = undefined>(
  db: Db,
  me: SessionUser,
  input: { referralId: string; expectedVersion?: number },
  action: ReferralAction,
  apply: (tx: Tx, current: ReferralRow, next: ReferralStatus) => Promise<ActionOutcome<T>> = async () => ({}),
) {
  return db.transaction(async (tx) => {
    const current = await loadReferral(tx, me, input.referralId, true);
    assertReferralVersion(input.expectedVersion, current.version);
    const next = transition(current.status, action, me.role);
    const outcome = await apply(tx, current, next);
    const [updated] = await tx
      .update(referral)
      .set({ status: next, version: current.version + 1, ...outcome.patch })
      .where(eq(referral.id, current.id))
      .returning({ id: referral.id, status: referral.status, version: referral.version });
    await appendEvent(tx, {
      referralId: current.id,
      actor: { id: me.id, role: me.role },
      type: outcome.event?.type ?? ACTION_EVENT_TYPES[action],
      data: { from: current.status, to: next, ...outcome.event?.data },
    });
    for (const f of outcome.followUps ?? []) {
      await appendEvent(tx, {
        referralId: current.id,
        actor: { id: null, role: "system" },
        type: f.type,
        data: f.data,
      });
    }
    await audit(tx, me, {
      action: `referral.${action}`,
      referralId: current.id,
      entity: "referral",
      entityId: current.id,
    });
    return { referral: updated!, result: outcome.result as T };
  });
}
