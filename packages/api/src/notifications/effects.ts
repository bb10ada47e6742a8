import { randomUUID } from "node:crypto";
import { type DbOrTx, notification, queryRows } from "@mm/db";
import {
  type NotificationEvent,
  type NotificationKind,
  notificationRecipients,
  type ReferralParties,
} from "@mm/domain";
import { type SQL, sql } from "drizzle-orm";
import { columnName } from "../queries/sql-parts";
import { NOTIFICATION_CHANNEL } from "./queries";

/** One notification row to write, in the same transaction as the change that caused it (its id chosen up front). */
export type NotificationEffect = { id: string; userId: string; referralId: string; kind: NotificationKind };

/**
 * The notifications a timeline event causes (packages/domain decides who and what kind). `parties` are the
 * referral's parties just after the change: the therapist is the one invited or accepted, else null.
 */
export function notificationEffects(
  event: NotificationEvent & { referralId: string },
  parties: ReferralParties,
): NotificationEffect[] {
  return notificationRecipients(event, parties).map((r) => ({
    ...r,
    id: randomUUID(),
    referralId: event.referralId,
  }));
}

/**
 * `insert into notification … returning id, user_id` (and a NOTIFY of `{userId, seq}` per row, delivered on commit
 * to every instance's live streams): one statement for every effect, usable as a CTE of the
 * write path's closing statement (`with notified as (${insertNotifications(effects)}) …`), so the notification
 * commits or rolls back with its change. Null when there is nothing to insert (a CTE needs a statement).
 */
export function insertNotifications(effects: readonly NotificationEffect[]): SQL | null {
  if (effects.length === 0) return null;
  const rows = effects.map((e) => sql`(${e.id}::uuid, ${e.userId}::uuid, ${e.referralId}::uuid, ${e.kind})`);
  return sql`insert into ${notification} (${columnName(notification.id)}, ${columnName(notification.userId)}, ${columnName(notification.referralId)}, ${columnName(notification.kind)})
    values ${sql.join(rows, sql`, `)}
    returning ${columnName(notification.id)}, ${columnName(notification.userId)},
      pg_notify(${NOTIFICATION_CHANNEL}, json_build_object('userId', ${columnName(notification.userId)}, 'seq', ${columnName(notification.seq)})::text)`;
}

/** The same insert on its own, for a write path that runs it as a separate statement; answers the new ids. */
export async function writeNotifications(
  tx: DbOrTx,
  effects: readonly NotificationEffect[],
): Promise<string[]> {
  const statement = insertNotifications(effects);
  if (!statement) return [];
  const rows = await queryRows<{ id: string }>(tx, statement);
  return rows.map((r) => r.id);
}
