import { timelineListSchema, timelineOnEventSchema } from "@mm/domain";
import { tracked } from "@trpc/server";
import { latestTimelineSeq, listTimeline, timelineEvents } from "../services/timeline-service";
import { authedProcedure, router } from "../trpc";

export const timelineRouter = router({
  list: authedProcedure
    .input(timelineListSchema)
    .query(({ ctx, input }) => listTimeline(ctx.db, ctx.user, input)),
  /** Server-sent events; each is tracked by its seq so a reconnecting client resumes where it left off. */
  onEvent: authedProcedure.input(timelineOnEventSchema).subscription(async function* ({
    ctx,
    input,
    signal,
  }) {
    // The client sends the last seq it has (from timeline.list), so nothing between page load and subscribe is lost.
    const start =
      input.lastEventId != null
        ? Number(input.lastEventId)
        : await latestTimelineSeq(ctx.db, ctx.user, input.referralId);
    for await (const event of timelineEvents(
      ctx,
      input.referralId,
      start,
      signal ?? new AbortController().signal,
    )) {
      yield tracked(String(event.seq), event);
    }
  }),
});
