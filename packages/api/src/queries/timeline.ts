import { type Db, referral, therapistInvitation, timelineEvent, user } from "@mm/db";
import {
  CONVERSATION_EVENT_TYPES,
  PATIENT_PHYSICIAN_EVENT_TYPES,
  type Role,
  type TimelineEventType,
} from "@mm/domain";
import { and, asc, desc, eq, exists, gt, type Placeholder, type SQL, sql } from "drizzle-orm";
import type { SessionUser } from "../context";
import { prepared } from "./prepared";
import { referralVisibleTo } from "./referral";
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

const inTypes = (types: readonly string[]) =>
  sql.join(
    types.map((t) => sql`${t}`),
    sql`, `,
  );

/**
 * Minimum necessary, for a therapist: never the patient–physician private thread; while only invited, none of the
 * conversation from before their invitation (after accepting, the whole shared timeline).
 */
function therapistMayRead(me: Placeholder): SQL {
  const inv = therapistInvitation;
  return sql`${timelineEvent.type} not in (${inTypes(PATIENT_PHYSICIAN_EVENT_TYPES)})
    and (${timelineEvent.type} not in (${inTypes(CONVERSATION_EVENT_TYPES)}) or exists (
      select 1 from ${inv} where ${inv.referralId} = ${timelineEvent.referralId} and ${inv.therapistId} = ${me}
        and (${inv.status} = 'accepted' or (${inv.status} = 'invited' and ${inv.createdAt} <= ${timelineEvent.createdAt}))))`;
}

/**
 * Events after a sequence number, oldest first, as the reader may see them: their access check is folded into the
 * same statement (the page comes back only if the referral is theirs), and a therapist's leaves out what is not
 * theirs to read.
 */
const eventPage = (db: Db, role: Role) => {
  const referralId = sql.placeholder("referralId");
  const me = sql.placeholder("me");
  const readable = role === "therapist" ? therapistMayRead(me) : undefined;
  const visible = exists(
    db
      .select({ one: sql`1` })
      .from(referral)
      .where(and(eq(referral.id, referralId), referralVisibleTo({ role, id: me }))),
  );
  return db
    .select({
      id: timelineEvent.id,
      seq: timelineEvent.seq,
      type: timelineEvent.type,
      actorRole: timelineEvent.actorRole,
      actorName: user.name,
      data: timelineEvent.data,
      createdAt: timelineEvent.createdAt,
    })
    .from(timelineEvent)
    .leftJoin(user, eq(user.id, timelineEvent.actorId))
    .where(
      and(
        eq(timelineEvent.referralId, referralId),
        gt(timelineEvent.seq, sql.placeholder("after")),
        visible,
        readable,
      ),
    )
    .orderBy(asc(timelineEvent.seq))
    .limit(sql.placeholder("limit"));
};

export async function eventsAfter(
  db: Db,
  referralId: string,
  after: number,
  limit: number,
  reader: Pick<SessionUser, "id" | "role">,
) {
  const rows = await prepared(db, eventPage, reader.role).execute({
    referralId,
    after,
    limit,
    me: reader.id,
  });
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

/** The referral's newest event's seq (0 before the first). */
export async function latestSeq(db: Db, referralId: string): Promise<number> {
  const [row] = await db
    .select({ seq: timelineEvent.seq })
    .from(timelineEvent)
    .where(eq(timelineEvent.referralId, referralId))
    .orderBy(desc(timelineEvent.seq))
    .limit(1);
  return row?.seq ?? 0;
}
