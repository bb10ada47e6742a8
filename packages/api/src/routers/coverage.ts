import { assertClockRule, coverageClockRule, coverageUpsertSchema } from "@mm/domain";
import { getCoverage, upsertCoverage } from "../services/coverage-service";
import { patientProcedure, router } from "../trpc";

export const coverageRouter = router({
  get: patientProcedure.query(({ ctx }) => getCoverage(ctx.db, ctx.user)),
  upsert: patientProcedure.input(coverageUpsertSchema).mutation(({ ctx, input }) => {
    assertClockRule(coverageClockRule, input, { now: ctx.now() });
    return upsertCoverage(ctx.db, ctx.user, input);
  }),
});
