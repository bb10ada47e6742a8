import { type DbOrTx, timelineEvent } from "@mm/db";
import type { TimelineEventType } from "@mm/domain";
import { type AnyColumn, type Name, type SQL, sql } from "drizzle-orm";

/** LISTEN/NOTIFY channel carrying `{referralId, seq}` of each new timeline event (never its content). */
export const TIMELINE_CHANNEL = "timeline_events";

export type EventActor =
  | { id: string; role: "patient" | "physician" | "therapist" | "admin" }
  | { id: null; role: "system" };

export type NewEvent = {
  referralId: string;
  actor: EventActor;
  type: TimelineEventType;
  data?: Record<string, unknown>;
};

/** A column's bare name, as an insert's column list or a CTE's output needs it. */
const col = (c: AnyColumn) => sql.identifier(c.name);

const t = timelineEvent;
// Hand-written rather than Drizzle's insert builder: on these hot writes building the query cost more CPU than
// sending it.
const EVENT_COLUMNS = sql.join([t.referralId, t.actorId, t.actorRole, t.type, t.data].map(col), sql`, `);

/**
 * `insert into timeline_event … returning id, seq, referral_id`, for the caller to announce (see `announce`),
 * usually as a CTE of a larger statement. One multi-row insert takes its seq values in list order, so the events
 * keep the order they are given in.
 */
export function insertEvents(events: NewEvent[]): SQL {
  const rows = events.map(
    (e) => sql`(${e.referralId}, ${e.actor.id}, ${e.actor.role}, ${e.type}, ${JSON.stringify(e.data ?? {})})`,
  );
  return sql`insert into ${t} (${EVENT_COLUMNS}) values ${sql.join(rows, sql`, `)}
    returning ${col(t.id)}, ${col(t.seq)}, ${col(t.referralId)}`;
}

/**
 * pg_notify of a row of `appended` (a CTE over `insertEvents`): PostgreSQL delivers it to every listening instance
 * only if the transaction commits.
 */
export const announce = (appended: Name) =>
  sql`pg_notify(${TIMELINE_CHANNEL}, json_build_object('referralId', ${appended}.${col(t.referralId)}, 'seq', ${appended}.${col(t.seq)})::text)`;

/** Appends and announces an event inside the caller's transaction, in one statement. */
export async function appendEvent(tx: DbOrTx, event: NewEvent) {
  const e = sql.identifier("appended_event");
  const result = await tx.execute(
    sql`with ${e} as (${insertEvents([event])}) select ${e}.${col(t.id)}, ${e}.${col(t.seq)}, ${announce(e)} from ${e}`,
  );
  const [row] = (result as unknown as { rows: { id: string; seq: string | number }[] }).rows;
  // node-postgres reads a bigint as a string.
  return { id: row!.id, seq: Number(row!.seq) };
}
