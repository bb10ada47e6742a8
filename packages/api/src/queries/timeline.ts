import { timelineEvent } from "@mm/db";
import type { TimelineEventType } from "@mm/domain";
import { type SQL, sql } from "drizzle-orm";
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
 * `insert into timeline_event … returning …, pg_notify(…)`, as a CTE of the write path's closing statement. One
 * multi-row insert takes its seq values in list order, so the events keep the order they are given in. Each row
 * is announced from RETURNING (a data-modifying CTE always runs to completion), and PostgreSQL delivers the
 * notifications to every listening instance only if the transaction commits.
 */
export function insertEvents(events: NewEvent[]): SQL {
  const rows = events.map(
    (e) => sql`(${e.referralId}, ${e.actor.id}, ${e.actor.role}, ${e.type}, ${JSON.stringify(e.data ?? {})})`,
  );
  return sql`insert into ${t} (${EVENT_COLUMNS}) values ${sql.join(rows, sql`, `)}
    returning ${col(t.seq)}, pg_notify(${TIMELINE_CHANNEL}, json_build_object('referralId', ${col(t.referralId)}, 'seq', ${col(t.seq)})::text)`;
}
