import { planAcknowledgeSchema, planApproveSchema, planGetSchema, planUpdateSchema } from "@mm/domain";
import { acknowledgePlan, approvePlan, getPlan, updatePlan } from "../services/plan-service";
import { authedProcedure, clinicianProcedure, patientProcedure, router } from "../trpc";

export const planRouter = router({
  get: authedProcedure
    .input(planGetSchema)
    .query(({ ctx, input }) => getPlan(ctx.db, ctx.user, input.referralId)),
  update: clinicianProcedure
    .input(planUpdateSchema)
    .mutation(({ ctx, input }) => updatePlan(ctx.db, ctx.user, input, ctx.now())),
  approve: clinicianProcedure
    .input(planApproveSchema)
    .mutation(({ ctx, input }) => approvePlan(ctx.db, ctx.user, input)),
  acknowledge: patientProcedure
    .input(planAcknowledgeSchema)
    .mutation(({ ctx, input }) => acknowledgePlan(ctx.db, ctx.user, input)),
});
