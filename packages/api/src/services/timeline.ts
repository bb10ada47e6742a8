import { type DbOrTx, timelineEvent } from "@mm/db";
import type { TimelineEventType } from "@mm/domain";
import { sql } from "drizzle-orm";

/** LISTEN/NOTIFY channel carrying `{referralId, seq}` of each new timeline event (never its content). */
export const TIMELINE_CHANNEL = "timeline_events";

export type EventActor =
  | { id: string; role: "patient" | "physician" | "therapist" | "admin" }
  | { id: null; role: "system" };

/**
 * Appends an event inside the caller's transaction and announces it with pg_notify, which PostgreSQL delivers to
 * every listening instance only if the transaction commits.
 */
export async function appendEvent(
  tx: DbOrTx,
  event: { referralId: string; actor: EventActor; type: TimelineEventType; data?: Record<string, unknown> },
) {
  const [row] = await tx
    .insert(timelineEvent)
    .values({
      referralId: event.referralId,
      actorId: event.actor.id,
      actorRole: event.actor.role,
      type: event.type,
      data: event.data ?? {},
    })
    .returning({ id: timelineEvent.id, seq: timelineEvent.seq });
  await tx.execute(
    sql`select pg_notify(${TIMELINE_CHANNEL}, ${JSON.stringify({ referralId: event.referralId, seq: row!.seq })})`,
  );
  return row!;
}
