import { type Db, queryRows, referral, type Tx } from "@mm/db";
import {
  ACTION_EVENT_TYPES,
  assertReferralVersion,
  type ReferralAction,
  type ReferralStatus,
  type TimelineEventType,
  transition,
} from "@mm/domain";
import { type SQL, sql } from "drizzle-orm";
import type { SessionUser } from "../context";
import { auditInsert, auditRows } from "./audit";
import { loadReferral, type ReferralRow } from "./referral-access";
import { columnName as col } from "./sql-parts";
import { announce, insertEvents } from "./timeline";

export type ActionOutcome<T> = {
  /** Columns to change besides status/version. */
  patch?: Partial<Pick<ReferralRow, "therapistId" | "closedReason">>;
  /** The action's own insert (its id chosen up front), run inside the statement that updates the referral. */
  write?: SQL;
  event?: { type?: TimelineEventType; data?: Record<string, unknown> };
  /** System events that follow the action's own (e.g. a warning threshold crossed). */
  followUps?: { type: TimelineEventType; data: Record<string, unknown> }[];
  result?: T;
};

const r = referral;

/**
 * Every referral action goes through here: lock the row (which also checks it is the caller's), check the page
 * was not stale, ask the domain state machine for the next status, let the action do its own writes, then write
 * status + version + timeline events + audit row, all in one transaction.
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
    // As Drizzle's update builder would set them: undefined leaves a column alone, updated_at is its $onUpdate.
    const set = Object.entries({
      status: next,
      version: current.version + 1,
      ...outcome.patch,
      updatedAt: new Date(),
    } satisfies Partial<ReferralRow>)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => {
        const column = r[key as keyof ReferralRow];
        return sql`${col(column)} = ${sql.param(value, column)}`;
      });
    const events = insertEvents([
      {
        referralId: current.id,
        actor: { id: me.id, role: me.role },
        type: outcome.event?.type ?? ACTION_EVENT_TYPES[action],
        data: { from: current.status, to: next, ...outcome.event?.data },
      },
      ...(outcome.followUps ?? []).map((f) => ({
        referralId: current.id,
        actor: { id: null, role: "system" } as const,
        type: f.type,
        data: f.data,
      })),
    ]);
    // Each statement costs a round trip, so the closing writes share one (the row is locked, and none of them
    // reads another's result).
    const auditRow = auditInsert(
      auditRows(me, {
        action: `referral.${action}`,
        referralId: current.id,
        entity: "referral",
        entityId: current.id,
      }),
    );
    const updated = sql.identifier("updated_referral");
    const appended = sql.identifier("appended_event");
    const [row] = await queryRows<Pick<ReferralRow, "id" | "status" | "version">>(
      tx,
      sql`with
      ${outcome.write ? sql`action_row as (${outcome.write}),` : sql``}
      ${updated} as (update ${r} set ${sql.join(set, sql`, `)} where ${r.id} = ${current.id}
                     returning ${col(r.id)}, ${col(r.status)}, ${col(r.version)}),
      ${appended} as (${events}),
      audit_row as (${auditRow})
      select ${updated}.${col(r.id)}, ${updated}.${col(r.status)}, ${updated}.${col(r.version)}, ${announce(appended)}
        from ${updated} cross join ${appended}`,
    );
    return {
      referral: { id: row!.id, status: row!.status, version: row!.version },
      result: outcome.result as T,
    };
  });
}
