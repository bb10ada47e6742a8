import type { Db, Tx } from "@mm/db";
import {
  ACTION_EVENT_TYPES,
  assertReferralVersion,
  type ReferralAction,
  type ReferralStatus,
  type TimelineEventType,
  transition,
} from "@mm/domain";
import type { SQL } from "drizzle-orm";
import type { SessionUser } from "../context";
import { type LockedReferral, lockReferral, type ReferralUpdate } from "../queries/referral";
import { changeReferral, type Effect, SYSTEM } from "./write-path";

type ActionOutcome<T> = {
  /** Columns to change besides status/version. */
  patch?: Omit<ReferralUpdate, "status">;
  /** The action's own writes (their ids chosen up front), run inside the statement that closes the change. */
  write?: SQL | SQL[];
  event?: { type?: TimelineEventType; data?: Record<string, unknown> };
  /** System events that follow the action's own (e.g. a warning threshold crossed). */
  followUps?: { type: TimelineEventType; data: Record<string, unknown> }[];
  result?: T;
};

/**
 * A state-machine action on the write path: lock the row (which also checks it is the caller's), check the page
 * was not stale, ask the domain state machine for the next status, let the action do its own writes, then close
 * with status + version + timeline events + audit row in one statement.
 */
export async function runReferralAction<T = undefined>(
  db: Db,
  me: SessionUser,
  input: { referralId: string; expectedVersion?: number },
  action: ReferralAction,
  apply: (
    tx: Tx,
    current: LockedReferral,
    next: ReferralStatus,
  ) => Promise<ActionOutcome<T>> = async () => ({}),
) {
  return changeReferral<T>(
    db,
    me,
    (tx) => lockReferral(tx, me, input.referralId),
    async (tx, current) => {
      assertReferralVersion(input.expectedVersion, current.version);
      const next = transition(current.status, action, me.role);
      const outcome = await apply(tx, current, next);
      const effects: Effect[] = [
        {
          kind: "event",
          type: outcome.event?.type ?? ACTION_EVENT_TYPES[action],
          data: { from: current.status, to: next, ...outcome.event?.data },
        },
        ...(outcome.followUps ?? []).map(
          (f): Effect => ({ kind: "event", type: f.type, data: f.data, actor: SYSTEM }),
        ),
      ];
      return {
        set: { status: next, ...outcome.patch },
        writes: outcome.write ? [outcome.write].flat() : [],
        effects,
        audit: { action: `referral.${action}`, entity: "referral", entityId: current.id },
        result: outcome.result,
      };
    },
  );
}
