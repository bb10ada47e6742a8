import { type Db, queryRows, referral, type Tx } from "@mm/db";
import type { TimelineEventType } from "@mm/domain";
import { type SQL, sql } from "drizzle-orm";
import { type AuditEntry, auditInsert, auditRows } from "../queries/audit";
import {
  type LockedReferral,
  type ReferralRow,
  type ReferralUpdate,
  referralUpdate,
} from "../queries/referral";
import { columnName as col } from "../queries/sql-parts";
import { type EventActor, insertEvents, type NewEvent } from "../queries/timeline";

/**
 * What a change produces besides the row change itself. The write path turns each kind into part of the one
 * statement that closes the change (see `effectStatements`), so adding a kind (a notification to queue, a job to
 * schedule) is one new member here and one new case there.
 */
export type Effect = {
  kind: "event";
  type: TimelineEventType;
  data?: Record<string, unknown>;
  /** Who the timeline names; the acting user unless given (e.g. `SYSTEM` for a threshold the change crossed). */
  actor?: EventActor;
};

export const SYSTEM = { id: null, role: "system" } as const;

/** Who makes a change: a signed-in user, or the server itself (scheduled jobs). */
export type ChangeActor =
  | { id: string; role: "patient" | "physician" | "therapist" | "admin" }
  | typeof SYSTEM;

/** A change to one locked referral (its version always bumps) or to a referral being created. */
export type ReferralChange = {
  /** Locked by `lockReferrals` earlier in the same transaction (so its events commit in seq order), or new. */
  referral: LockedReferral | { insert: typeof referral.$inferInsert & { id: string } };
  set?: ReferralUpdate;
  effects: Effect[];
  /** The change's audit row; its referral is filled in. */
  audit: Omit<AuditEntry, "referralId">;
};

export type ReferralEnvelope = { id: string; status: ReferralRow["status"]; version: number };

/** One switch from effects to statements: the place to add a new kind of effect. */
function effectStatements(actor: ChangeActor, changes: ReferralChange[]): SQL[] {
  const events: NewEvent[] = [];
  for (const change of changes) {
    const referralId = referralIdOf(change);
    for (const effect of change.effects) {
      switch (effect.kind) {
        case "event":
          events.push({ referralId, actor: effect.actor ?? actor, type: effect.type, data: effect.data });
          break;
        default:
          effect.kind satisfies never;
      }
    }
  }
  return events.length > 0 ? [insertEvents(events)] : [];
}

const referralIdOf = (change: ReferralChange) =>
  "insert" in change.referral ? change.referral.insert.id : change.referral.id;

const r = referral;
const ENVELOPE = sql.join([r.id, r.status, r.version].map(col), sql`, `);

/**
 * The closing statement of every change to a referral or its children, in the caller's transaction: the
 * change's own writes, the referral rows (insert, or update with a version bump), the effects, and an audit row
 * per referral, as CTEs of ONE statement (each statement costs a round trip; none of them reads another's result).
 * Callers never write events, audit rows or NOTIFY themselves. `audit` adds rows tied to no referral change (a
 * patient's own record saved while no referral is open).
 */
export async function commitChanges(
  tx: Tx,
  actor: ChangeActor,
  close: { referrals: ReferralChange[]; writes?: SQL[]; audit?: AuditEntry[] },
): Promise<ReferralEnvelope[]> {
  const { referrals: changes, writes = [] } = close;
  const rows = changes.map((change, i) => {
    const name = sql.identifier(`changed_${i}`);
    const statement =
      "insert" in change.referral
        ? sql`${tx.insert(r).values(change.referral.insert).getSQL()} returning ${ENVELOPE}`
        : sql`${referralUpdate(change.referral.id, change.set ?? {})} returning ${ENVELOPE}`;
    return { name, statement };
  });
  const audits = auditRows(actor, [
    ...changes.map((c) => ({ ...c.audit, referralId: referralIdOf(c) })),
    ...(close.audit ?? []),
  ]);
  const ctes = [
    ...writes.map((w, i) => sql`${sql.identifier(`write_${i}`)} as (${w})`),
    ...rows.map((row) => sql`${row.name} as (${row.statement})`),
    ...effectStatements(actor, changes).map((e, i) => sql`${sql.identifier(`effect_${i}`)} as (${e})`),
    ...(audits.length > 0 ? [sql`audit_row as (${auditInsert(audits)})`] : []),
  ];
  const select =
    rows.length > 0
      ? sql.join(
          rows.map((row) => sql`select ${ENVELOPE} from ${row.name}`),
          sql` union all `,
        )
      : sql`select ${ENVELOPE} from ${r} where false`;
  return queryRows<ReferralEnvelope>(tx, sql`with ${sql.join(ctes, sql`, `)} ${select}`);
}

export type Commit<T> = {
  set?: ReferralUpdate;
  /** The change's own inserts/updates (ids chosen up front), run inside the closing statement. */
  writes?: SQL[];
  effects: Effect[];
  audit: Omit<AuditEntry, "referralId">;
  result?: T;
};

/** A change to one referral: lock it (checking it is the caller's), decide, close with `commitChanges`. */
export async function changeReferral<T = undefined>(
  db: Db,
  actor: ChangeActor,
  lock: (tx: Tx) => Promise<LockedReferral>,
  decide: (tx: Tx, current: LockedReferral) => Promise<Commit<T>>,
): Promise<{ referral: ReferralEnvelope; result: T }> {
  return db.transaction(async (tx) => {
    const current = await lock(tx);
    const out = await decide(tx, current);
    const [row] = await commitChanges(tx, actor, {
      referrals: [{ referral: current, set: out.set, effects: out.effects, audit: out.audit }],
      writes: out.writes,
    });
    if (!row) throw new Error("the locked referral was not updated");
    return { referral: row, result: out.result as T };
  });
}
