import { randomUUID } from "node:crypto";
import { appointment, type Db } from "@mm/db";
import { and, gt, inArray, isNull, lte, sql } from "drizzle-orm";
import { type NotificationEffect, writeNotifications } from "../notifications/effects";
import { enqueueNotificationEmails, jobQueue } from "../notifications/outbox";

/** How far ahead the reminder goes out. */
export const REMINDER_AHEAD_MS = 24 * 60 * 60 * 1000;

/**
 * Scheduled: the 24-hour reminder of each live appointment starting within the next day, to its patient and its
 * therapist (in-app always, email per their preferences), once. Rows are claimed `for update skip locked` and
 * marked in the same transaction as their notifications, so instances running it at once never send one twice.
 */
export async function sendAppointmentReminders(db: Db, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({
        id: appointment.id,
        referralId: appointment.referralId,
        patientId: appointment.patientId,
        therapistId: appointment.therapistId,
      })
      .from(appointment)
      .where(
        and(
          inArray(appointment.status, ["requested", "confirmed"]),
          isNull(appointment.remindedAt),
          gt(appointment.startsAt, now),
          lte(appointment.startsAt, new Date(now.getTime() + REMINDER_AHEAD_MS)),
        ),
      )
      .limit(500)
      .for("update", { skipLocked: true });
    if (due.length === 0) return 0;
    const effects: NotificationEffect[] = due.flatMap((a) =>
      [a.patientId, a.therapistId].map((userId) => ({
        id: randomUUID(),
        userId,
        referralId: a.referralId,
        kind: "appointment_reminder" as const,
      })),
    );
    const ids = await writeNotifications(tx, effects);
    await tx
      .update(appointment)
      .set({ remindedAt: sql`now()` })
      .where(
        inArray(
          appointment.id,
          due.map((a) => a.id),
        ),
      );
    const queue = jobQueue();
    if (queue) await enqueueNotificationEmails(queue, tx, ids);
    return due.length;
  });
}
