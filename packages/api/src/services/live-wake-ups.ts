import { EventEmitter, on } from "node:events";
import { watchSession } from "@mm/auth";
import type { Context, SessionUser } from "../context";

/**
 * The wake-ups of one live stream: a LISTEN/NOTIFY payload on `channel` that `concerns` the stream (so a change
 * on any instance arrives), and every listener reconnect (what committed meanwhile was never announced). They end
 * when `signal` aborts or the stream's session is revoked (a sign-out on any instance closes it); `close` stops
 * listening. Made before the stream's first read, so wake-ups that arrive during catch-up are buffered, not lost.
 */
export async function liveWakeUps<Message>(
  ctx: Context & { user: SessionUser },
  channel: string,
  concerns: (message: Message) => boolean,
  signal: AbortSignal,
) {
  const wake = new EventEmitter();
  const sessionEnded = new AbortController();
  const unwatch = ctx.sessionId
    ? watchSession(ctx.auth, ctx.sessionId, () => sessionEnded.abort())
    : () => {};
  const wakeUps = on(wake, "wake", { signal: AbortSignal.any([signal, sessionEnded.signal]) });
  const offReconnect = ctx.notifier.onReconnect(() => wake.emit("wake"));
  const unsubscribe = await ctx.notifier.subscribe(channel, (payload) => {
    try {
      if (concerns(JSON.parse(payload) as Message)) wake.emit("wake");
    } catch {
      // Not ours: ignore malformed payloads.
    }
  });
  return {
    wakeUps,
    close() {
      unsubscribe();
      offReconnect();
      unwatch();
    },
  };
}
