import { planGetSchema, progressReportSchema, progressShareSchema } from "@mm/domain";
import { progressSeries, progressSummary, reportProgress, shareProgress } from "../services/progress-service";
import { authedProcedure, patientProcedure, router, therapistProcedure } from "../trpc";

export const progressRouter = router({
  /** The patient's between-session report. */
  report: patientProcedure.input(progressReportSchema).mutation(async ({ ctx, input }) => {
    const out = await reportProgress(ctx.db, ctx.user, input);
    return { id: out.result, referral: out.referral };
  }),
  /** The therapist's progress report to the physician (resets the "progress report due" reminder). */
  share: therapistProcedure.input(progressShareSchema).mutation(async ({ ctx, input }) => ({
    referral: await shareProgress(ctx.db, ctx.user, input, ctx.now()),
  })),
  series: authedProcedure
    .input(planGetSchema)
    .query(({ ctx, input }) => progressSeries(ctx.db, ctx.user, input.referralId, ctx.now())),
  summary: authedProcedure
    .input(planGetSchema)
    .query(({ ctx, input }) => progressSummary(ctx.db, ctx.user, input.referralId, ctx.now())),
});
