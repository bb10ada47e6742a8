import { type Db, notification, notificationPreference, user } from "@mm/db";
import type { NotificationKind, Role } from "@mm/domain";
import { type Mailer, notificationEmail, referralUrl, unsubscribeToken } from "@mm/mail";
import { and, eq } from "drizzle-orm";

export type DeliveryDeps = { db: Db; mailer: Mailer; baseUrl: string; secret: string };

/** The one-click unsubscribe address for one user and kind (served by apps/server, /mail/unsubscribe). */
function unsubscribeUrl(deps: { baseUrl: string; secret: string }, userId: string, kind: NotificationKind) {
  return `${deps.baseUrl.replace(/\/$/, "")}/mail/unsubscribe?token=${unsubscribeToken(deps.secret, userId, kind)}`;
}

/**
 * Sends the email of one notification, honouring the recipient's preference at send time (a kind switched off
 * after the change but before delivery is not sent). The job queue's handler: it throws when the transport
 * fails, so the queue retries it. Answers what happened, for the job's record.
 */
export async function deliverNotificationEmail(
  deps: DeliveryDeps,
  notificationId: string,
): Promise<"sent" | "email_off" | "gone"> {
  const [row] = await deps.db
    .select({
      userId: notification.userId,
      referralId: notification.referralId,
      kind: notification.kind,
      email: user.email,
      role: user.role,
      emailOn: notificationPreference.email,
    })
    .from(notification)
    .innerJoin(user, eq(user.id, notification.userId))
    .leftJoin(
      notificationPreference,
      and(
        eq(notificationPreference.userId, notification.userId),
        eq(notificationPreference.kind, notification.kind),
      ),
    )
    .where(eq(notification.id, notificationId));
  if (!row) return "gone";
  if (row.emailOn === false) return "email_off";
  const kind = row.kind as NotificationKind;
  const unsubscribe = unsubscribeUrl(deps, row.userId, kind);
  const link = referralUrl(deps.baseUrl, row.role as Role, row.referralId);
  await deps.mailer.send({
    to: row.email,
    ...notificationEmail({ kind, link, unsubscribeUrl: unsubscribe }),
    unsubscribeUrl: unsubscribe,
  });
  return "sent";
}
