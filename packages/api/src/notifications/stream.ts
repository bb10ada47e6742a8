import type { Context, SessionUser } from "../context";
import { liveWakeUps } from "../services/live-wake-ups";
import {
  type LiveNotification,
  latestNotificationSeq,
  NOTIFICATION_CHANNEL,
  notificationsAfter,
} from "./queries";

const BATCH = 200;
/**
 * How long a delivered seq is remembered. Seqs are taken in the closing statement and committed a moment later,
 * so a lower seq can commit just after a higher one was sent; until a seq is this old the stream still reads
 * below it and sends what committed late. Past it, the floor moves up (the read stays small).
 */
const SETTLE_MS = 10_000;

/**
 * The caller's new notifications, live: wakes on the LISTEN/NOTIFY channel (so a change on any instance arrives),
 * then reads from the database what is after the cursor. Resumes after `lastEventId` (a seq) on reconnect, from
 * the newest notification otherwise. Ends when the session is revoked or the client goes away.
 */
export async function openNotificationStream(
  ctx: Context & { user: SessionUser },
  input: { lastEventId?: string | null },
  signal: AbortSignal,
) {
  const start =
    input.lastEventId != null ? Number(input.lastEventId) : await latestNotificationSeq(ctx.db, ctx.user.id);
  return notificationEvents(ctx, start, signal);
}

async function* notificationEvents(
  ctx: Context & { user: SessionUser },
  start: number,
  signal: AbortSignal,
): AsyncGenerator<LiveNotification> {
  const me = ctx.user.id;
  const { wakeUps, close } = await liveWakeUps<{ userId?: string }>(
    ctx,
    NOTIFICATION_CHANNEL,
    (message) => message.userId === me,
    signal,
  );
  let floor = start;
  const sent = new Map<number, number>();
  async function* drain() {
    const now = Date.now();
    for (const [seq, at] of sent) {
      if (now - at < SETTLE_MS) continue;
      sent.delete(seq);
      floor = Math.max(floor, seq);
    }
    let after = floor;
    for (;;) {
      const batch = await notificationsAfter(ctx.db, me, after, BATCH);
      for (const n of batch) {
        after = n.seq;
        if (sent.has(n.seq)) continue;
        sent.set(n.seq, Date.now());
        yield n;
      }
      if (batch.length < BATCH) return;
    }
  }
  try {
    yield* drain();
    for await (const _ of wakeUps) yield* drain();
  } catch (error) {
    if ((error as Error).name !== "AbortError") throw error;
  } finally {
    close();
  }
}
