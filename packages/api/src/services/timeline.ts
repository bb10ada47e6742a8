import { type DbOrTx, queryRows, timelineEvent } from "@mm/db";
import type { TimelineEventType } from "@mm/domain";
import { type Name, type SQL, sql } from "drizzle-orm";
import { columnName as col } from "./sql-parts";

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
  const [row] = await queryRows<{ id: string; seq: string | number }>(
    tx,
    sql`with ${e} as (${insertEvents([event])}) select ${e}.${col(t.id)}, ${e}.${col(t.seq)}, ${announce(e)} from ${e}`,
  );
  // node-postgres reads a bigint as a string.
  return { id: row!.id, seq: Number(row!.seq) };
}
