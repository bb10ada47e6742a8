import {
  acceptSchema,
  assertClockRule,
  cancelSchema,
  chooseTherapistSchema,
  completeSchema,
  declineSchema,
  discontinueSchema,
  referralCreateClockRule,
  referralCreateSchema,
  referralIdSchema,
  referralListSchema,
  requestInfoSchema,
  respondSchema,
  turnDownSchema,
  withdrawSchema,
} from "@mm/domain";
import { completeReferral } from "../services/outcome-service";
import {
  cancel,
  createReferral,
  decline,
  discontinue,
  getReferral,
  listReferrals,
  requestInfo,
  respond,
  withdraw,
} from "../services/referral-service";
import { acceptReferral, chooseTherapist, turnDownReferral } from "../services/therapist-choice-service";
import { authedProcedure, patientProcedure, physicianProcedure, router, therapistProcedure } from "../trpc";

/** Mutations answer `{ referral: {id, status, version}, … }` so a page can refresh what it shows. */
export const referralRouter = router({
  create: patientProcedure.input(referralCreateSchema).mutation(({ ctx, input }) => {
    assertClockRule(referralCreateClockRule, input, { now: ctx.now() });
    return createReferral(ctx.db, ctx.user, input);
  }),
  list: authedProcedure
    .input(referralListSchema)
    .query(({ ctx, input }) => listReferrals(ctx.db, ctx.user, input)),
  get: authedProcedure
    .input(referralIdSchema)
    .query(({ ctx, input }) => getReferral(ctx.db, ctx.user, input.id)),
  requestInfo: physicianProcedure.input(requestInfoSchema).mutation(async ({ ctx, input }) => ({
    referral: (await requestInfo(ctx.db, ctx.user, input)).referral,
  })),
  respond: patientProcedure
    .input(respondSchema)
    .mutation(async ({ ctx, input }) => ({ referral: (await respond(ctx.db, ctx.user, input)).referral })),
  decline: physicianProcedure
    .input(declineSchema)
    .mutation(async ({ ctx, input }) => ({ referral: (await decline(ctx.db, ctx.user, input)).referral })),
  cancel: patientProcedure
    .input(cancelSchema)
    .mutation(async ({ ctx, input }) => ({ referral: (await cancel(ctx.db, ctx.user, input)).referral })),
  chooseTherapist: patientProcedure.input(chooseTherapistSchema).mutation(async ({ ctx, input }) => ({
    referral: (await chooseTherapist(ctx.db, ctx.user, input, ctx.now())).referral,
  })),
  accept: therapistProcedure.input(acceptSchema).mutation(async ({ ctx, input }) => ({
    referral: (await acceptReferral(ctx.db, ctx.user, input)).referral,
  })),
  turnDown: therapistProcedure.input(turnDownSchema).mutation(async ({ ctx, input }) => ({
    referral: (await turnDownReferral(ctx.db, ctx.user, input)).referral,
  })),
  complete: physicianProcedure.input(completeSchema).mutation(async ({ ctx, input }) => ({
    referral: (await completeReferral(ctx.db, ctx.user, input)).referral,
  })),
  discontinue: physicianProcedure.input(discontinueSchema).mutation(async ({ ctx, input }) => ({
    referral: (await discontinue(ctx.db, ctx.user, input)).referral,
  })),
  withdraw: patientProcedure
    .input(withdrawSchema)
    .mutation(async ({ ctx, input }) => ({ referral: (await withdraw(ctx.db, ctx.user, input)).referral })),
});
