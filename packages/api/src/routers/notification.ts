import {
  notificationListInputSchema,
  notificationMarkReadInputSchema,
  notificationOnEventSchema,
  notificationSetPreferencesInputSchema,
} from "@mm/domain";
import { tracked } from "@trpc/server";
import {
  getPreferences,
  listNotifications,
  markRead,
  setPreferences,
  unreadCount,
} from "../notifications/queries";
import { openNotificationStream } from "../notifications/stream";
import { listActions } from "../services/action-service";
import { authedProcedure, router } from "../trpc";

/** The caller's own notifications: every procedure is scoped to ctx.user, so nobody reads another's. */
export const notificationRouter = router({
  list: authedProcedure
    .input(notificationListInputSchema)
    .query(({ ctx, input }) => listNotifications(ctx.db, ctx.user.id, input)),
  unreadCount: authedProcedure.query(({ ctx }) => unreadCount(ctx.db, ctx.user.id)),
  markRead: authedProcedure
    .input(notificationMarkReadInputSchema)
    .mutation(({ ctx, input }) => markRead(ctx.db, ctx.user.id, input, ctx.now())),
  preferences: authedProcedure.query(({ ctx }) => getPreferences(ctx.db, ctx.user.id)),
  setPreferences: authedProcedure
    .input(notificationSetPreferencesInputSchema)
    .mutation(({ ctx, input }) => setPreferences(ctx.db, ctx.user.id, input)),
  /** "Needs your action": what the caller's open referrals ask of them, for the home page. */
  actions: authedProcedure.query(({ ctx }) => listActions(ctx.db, ctx.user, ctx.now())),
  /** Server-sent events of the caller's new notifications, each tracked by its seq (resumes on reconnect). */
  onEvent: authedProcedure.input(notificationOnEventSchema).subscription(async ({ ctx, input, signal }) => {
    // The cursor is taken now, not at the first read: nothing committed after subscribing is skipped.
    const events = await openNotificationStream(ctx, input, signal ?? new AbortController().signal);
    return (async function* () {
      for await (const n of events) yield tracked(String(n.seq), n);
    })();
  }),
});
