import { createCalendarFeed, revokeCalendarFeed } from "../calendar/calendar-service";
import { authedProcedure, router } from "../trpc";

export const calendarRouter = router({
  createFeed: authedProcedure.mutation(({ ctx }) => createCalendarFeed(ctx.db, ctx.user)),
  revokeFeed: authedProcedure.mutation(({ ctx }) => revokeCalendarFeed(ctx.db, ctx.user)),
});
