import { letterDraftSchema, letterSignSchema } from "@mm/domain";
import { draftLetter, listLetters, signLetter } from "../documents/letter-service";
import { authedProcedure, physicianProcedure, router } from "../trpc";

export const letterRouter = router({
  draft: physicianProcedure
    .input(letterDraftSchema)
    .query(({ ctx, input }) => draftLetter(ctx.db, ctx.user, input.referralId, ctx.now())),
  sign: physicianProcedure
    .input(letterSignSchema)
    .mutation(({ ctx, input }) => signLetter(ctx.db, ctx.user, input, ctx.now())),
  list: authedProcedure
    .input(letterDraftSchema)
    .query(({ ctx, input }) => listLetters(ctx.db, ctx.user, input.referralId)),
});
