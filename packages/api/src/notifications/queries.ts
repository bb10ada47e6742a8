import { type Db, notification, notificationPreference } from "@mm/db";
import {
  type NotificationKind,
  type NotificationPreferences,
  notFound,
  resolvePreferences,
} from "@mm/domain";
import { and, asc, count, desc, eq, gt, inArray, isNull, lt, max, or, type SQL, sql } from "drizzle-orm";
import { decodeCursor, encodeCursor } from "../services/cursor";

const PAGE = 20;

/** LISTEN/NOTIFY channel carrying `{userId, seq}` of each new notification (never its content). */
export const NOTIFICATION_CHANNEL = "notifications";

export type NotificationItem = {
  id: string;
  referralId: string;
  kind: NotificationKind;
  createdAt: string;
  readAt: string | null;
};

/** The caller's notifications, newest first, keyset-paged over (created_at, id). */
export async function listNotifications(
  db: Db,
  userId: string,
  input: { cursor?: string; unreadOnly?: boolean },
): Promise<{ items: NotificationItem[]; nextCursor: string | null }> {
  const where: (SQL | undefined)[] = [eq(notification.userId, userId)];
  if (input.unreadOnly) where.push(isNull(notification.readAt));
  if (input.cursor) {
    const c = decodeCursor(input.cursor);
    where.push(
      or(
        lt(notification.createdAt, c.createdAt),
        and(eq(notification.createdAt, c.createdAt), lt(notification.id, c.id)),
      ),
    );
  }
  const rows = await db
    .select({
      id: notification.id,
      referralId: notification.referralId,
      kind: notification.kind,
      createdAt: notification.createdAt,
      readAt: notification.readAt,
    })
    .from(notification)
    .where(and(...where))
    .orderBy(desc(notification.createdAt), desc(notification.id))
    .limit(PAGE + 1);
  const page = rows.slice(0, PAGE);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      referralId: r.referralId,
      kind: r.kind as NotificationKind,
      createdAt: r.createdAt.toISOString(),
      readAt: r.readAt?.toISOString() ?? null,
    })),
    nextCursor: rows.length > PAGE && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}

/** One notification as the live stream sends it: the list's item plus its stream position. */
export type LiveNotification = NotificationItem & { seq: number };

/** The caller's notifications after a stream position, oldest first. */
export async function notificationsAfter(
  db: Db,
  userId: string,
  afterSeq: number,
  limit: number,
): Promise<LiveNotification[]> {
  const rows = await db
    .select({
      id: notification.id,
      seq: notification.seq,
      referralId: notification.referralId,
      kind: notification.kind,
      createdAt: notification.createdAt,
      readAt: notification.readAt,
    })
    .from(notification)
    .where(and(eq(notification.userId, userId), gt(notification.seq, afterSeq)))
    .orderBy(asc(notification.seq))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    seq: r.seq,
    referralId: r.referralId,
    kind: r.kind as NotificationKind,
    createdAt: r.createdAt.toISOString(),
    readAt: r.readAt?.toISOString() ?? null,
  }));
}

/** The newest stream position of the caller's notifications (0 when there are none). */
export async function latestNotificationSeq(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ seq: max(notification.seq) })
    .from(notification)
    .where(eq(notification.userId, userId));
  return Number(row?.seq ?? 0);
}

export async function unreadCount(db: Db, userId: string): Promise<{ count: number }> {
  const [row] = await db
    .select({ n: count() })
    .from(notification)
    .where(and(eq(notification.userId, userId), isNull(notification.readAt)));
  return { count: row?.n ?? 0 };
}

/**
 * Marks the caller's notifications read. Naming one that is not the caller's marks nothing and answers
 * NOT_FOUND (someone else's notification is indistinguishable from none).
 */
export async function markRead(
  db: Db,
  userId: string,
  input: { ids: string[] } | { all: true },
  now: Date,
): Promise<{ updated: number }> {
  if ("all" in input) {
    const rows = await db
      .update(notification)
      .set({ readAt: now })
      .where(and(eq(notification.userId, userId), isNull(notification.readAt)))
      .returning({ id: notification.id });
    return { updated: rows.length };
  }
  const ids = [...new Set(input.ids)];
  return db.transaction(async (tx) => {
    const mine = await tx
      .select({ id: notification.id, readAt: notification.readAt })
      .from(notification)
      .where(and(eq(notification.userId, userId), inArray(notification.id, ids)))
      .for("update");
    if (mine.length !== ids.length) throw notFound("notification");
    const unread = mine.filter((r) => r.readAt === null).map((r) => r.id);
    if (unread.length > 0) {
      await tx.update(notification).set({ readAt: now }).where(inArray(notification.id, unread));
    }
    return { updated: unread.length };
  });
}

export async function getPreferences(db: Db, userId: string): Promise<NotificationPreferences> {
  const rows = await db
    .select({ kind: notificationPreference.kind })
    .from(notificationPreference)
    .where(and(eq(notificationPreference.userId, userId), eq(notificationPreference.email, false)));
  return resolvePreferences(rows.map((r) => r.kind));
}

/** Stores the kinds given (others keep their setting) and answers the whole resolved set. */
export async function setPreferences(
  db: Db,
  userId: string,
  input: { email: Partial<Record<NotificationKind, boolean>> },
): Promise<NotificationPreferences> {
  const rows = Object.entries(input.email)
    .filter((e): e is [NotificationKind, boolean] => typeof e[1] === "boolean")
    .map(([kind, email]) => ({ userId, kind, email }));
  if (rows.length > 0) {
    await db
      .insert(notificationPreference)
      .values(rows)
      .onConflictDoUpdate({
        target: [notificationPreference.userId, notificationPreference.kind],
        set: { email: sql`excluded.email` },
      });
  }
  return getPreferences(db, userId);
}
