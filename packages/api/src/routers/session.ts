import {
  assertClockRule,
  missedVisitClockRule,
  missedVisitSchema,
  planGetSchema,
  sessionAmendSchema,
  sessionLogClockRule,
  sessionLogSchema,
} from "@mm/domain";
import {
  amendSession,
  listMissedVisits,
  listSessions,
  logSession,
  recordMissedVisit,
} from "../services/session-service";
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
  amend: therapistProcedure.input(sessionAmendSchema).mutation(async ({ ctx, input }) => {
    const out = await amendSession(ctx.db, ctx.user, input);
    return { ...out.result, referral: out.referral };
  }),
  recordMissed: therapistProcedure.input(missedVisitSchema).mutation(async ({ ctx, input }) => {
    assertClockRule(missedVisitClockRule, input, { now: ctx.now() });
    const out = await recordMissedVisit(ctx.db, ctx.user, input);
    return { ...out.result, referral: out.referral };
  }),
  listMissed: authedProcedure
    .input(planGetSchema)
    .query(({ ctx, input }) => listMissedVisits(ctx.db, ctx.user, input.referralId)),
});
