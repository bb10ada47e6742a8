import { DomainError, timelineListSchema, timelineOnEventSchema, timelineVisitSchema } from "@mm/domain";
import { tracked } from "@trpc/server";
import { toTRPCError } from "../errors";
import { listTimeline, openTimelineStream } from "../services/timeline-service";
import { visitReferral } from "../services/visit-service";
import { authedProcedure, router } from "../trpc";

export const timelineRouter = router({
  list: authedProcedure
    .input(timelineListSchema)
    .query(({ ctx, input }) => listTimeline(ctx.db, ctx.user, input)),
  /**
   * Server-sent events, each tracked by its seq so a reconnecting client resumes where it left off. Access is
   * checked before the stream opens (NOT_FOUND like every other read); a later loss of access ends the stream
   * with the same mapped error.
   */
  onEvent: authedProcedure.input(timelineOnEventSchema).subscription(async ({ ctx, input, signal }) => {
    const events = await openTimelineStream(ctx, input, signal ?? new AbortController().signal);
    return (async function* () {
      try {
        for await (const event of events) yield tracked(String(event.seq), event);
      } catch (error) {
        throw error instanceof DomainError ? toTRPCError(error) : error;
      }
    })();
  }),
  /** The page opened: remembers this visit and answers the previous visit's newest seq (`since`, or null). */
  visit: authedProcedure
    .input(timelineVisitSchema)
    .mutation(({ ctx, input }) => visitReferral(ctx.db, ctx.user, input.referralId, ctx.now())),
});
