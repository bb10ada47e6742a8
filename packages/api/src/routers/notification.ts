import {
  notificationListInputSchema,
  notificationMarkReadInputSchema,
  notificationSetPreferencesInputSchema,
} from "@mm/domain";
import {
  getPreferences,
  listNotifications,
  markRead,
  setPreferences,
  unreadCount,
} from "../notifications/queries";
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
});
