import {
  assertMaySignPrescriptions,
  prescriptionRenewSchema,
  prescriptionSignSchema,
  referralIdSchema,
} from "@mm/domain";
import { hasTwoFactor } from "../services/account-security-queries";
import { renewPrescription, signPrescription, verifyPrescription } from "../services/prescription-service";
import { authedProcedure, physicianProcedure, router } from "../trpc";

// Signing and renewing issue a prescription: both need the physician's two-factor sign-in turned on.
const signingProcedure = physicianProcedure.use(async ({ ctx, next }) => {
  assertMaySignPrescriptions({
    role: ctx.user.role,
    twoFactorEnabled: await hasTwoFactor(ctx.db, ctx.user.id),
  });
  return next();
});

export const prescriptionRouter = router({
  sign: signingProcedure.input(prescriptionSignSchema).mutation(async ({ ctx, input }) => {
    const out = await signPrescription(ctx.db, ctx.user, input, ctx.now());
    return { prescriptionId: out.result, referral: out.referral };
  }),
  renew: signingProcedure.input(prescriptionRenewSchema).mutation(async ({ ctx, input }) => {
    const out = await renewPrescription(ctx.db, ctx.user, input, ctx.now());
    return { prescriptionId: out.result, referral: out.referral };
  }),
  verify: authedProcedure
    .input(referralIdSchema)
    .query(({ ctx, input }) => verifyPrescription(ctx.db, ctx.user, input.id)),
});
