import { assertClockRule, planGetSchema, sessionLogClockRule, sessionLogSchema } from "@mm/domain";
import { listSessions, logSession } from "../services/session-service";
import { authedProcedure, router, therapistProcedure } from "../trpc";

export const sessionRouter = router({
  log: therapistProcedure.input(sessionLogSchema).mutation(async ({ ctx, input }) => {
    const now = ctx.now();
    assertClockRule(sessionLogClockRule, input, { now });
    const out = await logSession(ctx.db, ctx.user, input, now);
    return { ...out.result, referral: out.referral };
  }),
  list: authedProcedure
    .input(planGetSchema)
    .query(({ ctx, input }) => listSessions(ctx.db, ctx.user, input.referralId)),
});
