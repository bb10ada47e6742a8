import { prescriptionRenewSchema, prescriptionSignSchema, referralIdSchema } from "@mm/domain";
import { renewPrescription, signPrescription, verifyPrescription } from "../services/prescription-service";
import { authedProcedure, physicianProcedure, router } from "../trpc";

export const prescriptionRouter = router({
  sign: physicianProcedure.input(prescriptionSignSchema).mutation(async ({ ctx, input }) => {
    const out = await signPrescription(ctx.db, ctx.user, input, ctx.now());
    return { prescriptionId: out.result, referral: out.referral };
  }),
  renew: physicianProcedure.input(prescriptionRenewSchema).mutation(async ({ ctx, input }) => {
    const out = await renewPrescription(ctx.db, ctx.user, input, ctx.now());
    return { prescriptionId: out.result, referral: out.referral };
  }),
  verify: authedProcedure
    .input(referralIdSchema)
    .query(({ ctx, input }) => verifyPrescription(ctx.db, ctx.user, input.id)),
});
